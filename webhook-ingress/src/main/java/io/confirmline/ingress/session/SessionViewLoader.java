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

    public SessionViewLoader(SessionView view, SessionViewProperties properties, KafkaProperties kafka,
            ConfirmLineKafkaProperties confirmLineKafka, MeterRegistry meters) {
        super(Topics.SESSIONS, view, new Settings("ingress-session-view", "confirmline.ingress.sessions", "open",
                "Call sessions in the ingress's view", properties.pollTimeout(), properties.sweepInterval()),
                kafka, confirmLineKafka, meters);
    }
}
