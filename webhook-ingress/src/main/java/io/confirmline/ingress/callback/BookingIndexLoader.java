/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.confirmline.ingress.callback;

import io.confirmline.events.BookingSnapshot;
import io.confirmline.events.Topics;
import io.confirmline.ingress.follow.CompactedTopicFollower;
import io.confirmline.kafka.ConfirmLineKafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the whole of {@code bookings.v1} from the beginning at start-up into the {@link BookingIndex}, then
 * follows it; no consumer group, so every instance can answer every call-back.
 */
@Component
public class BookingIndexLoader extends CompactedTopicFollower<BookingSnapshot> {

    public BookingIndexLoader(
            BookingIndex index,
            BookingIndexProperties properties,
            KafkaProperties kafka,
            ConfirmLineKafkaProperties confirmLineKafka,
            MeterRegistry meters) {
        super(
                Topics.BOOKINGS,
                index,
                new Settings(
                        "ingress-booking-index",
                        "confirmline.ingress.bookings",
                        "indexed",
                        "Upcoming bookings in the ingress's call-back index",
                        properties.pollTimeout(),
                        properties.sweepInterval()),
                kafka,
                confirmLineKafka,
                meters);
    }
}
