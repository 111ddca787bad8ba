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
package io.confirmline.ingress.session;

import io.confirmline.events.CallSessionOpened;
import io.confirmline.events.Topics;
import io.confirmline.ingress.follow.CompactedTopicFollower;
import io.confirmline.kafka.ConfirmLineKafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the whole of {@code voice.sessions.v1} from the beginning at start-up into the {@link SessionView}, then
 * follows it (no consumer group: every instance needs every session, whichever instance 8x8's VCA reaches).
 */
@Component
public class SessionViewLoader extends CompactedTopicFollower<CallSessionOpened> {

    public SessionViewLoader(
            SessionView view,
            SessionViewProperties properties,
            KafkaProperties kafka,
            ConfirmLineKafkaProperties confirmLineKafka,
            MeterRegistry meters) {
        super(
                Topics.SESSIONS,
                view,
                new Settings(
                        "ingress-session-view",
                        "confirmline.ingress.sessions",
                        "open",
                        "Call sessions in the ingress's view",
                        properties.pollTimeout(),
                        properties.sweepInterval()),
                kafka,
                confirmLineKafka,
                meters);
    }
}
