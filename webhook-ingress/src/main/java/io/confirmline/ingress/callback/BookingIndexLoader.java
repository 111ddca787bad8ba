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

    public BookingIndexLoader(BookingIndex index, BookingIndexProperties properties, KafkaProperties kafka,
            ConfirmLineKafkaProperties confirmLineKafka, MeterRegistry meters) {
        super(Topics.BOOKINGS, index, new Settings("ingress-booking-index", "confirmline.ingress.bookings",
                "indexed", "Upcoming bookings in the ingress's call-back index", properties.pollTimeout(),
                properties.sweepInterval()), kafka, confirmLineKafka, meters);
    }
}
