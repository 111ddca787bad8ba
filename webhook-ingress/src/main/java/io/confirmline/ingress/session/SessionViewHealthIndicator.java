package io.confirmline.ingress.session;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: until the view has read the whole session topic, VCA replies could miss live sessions. */
@Component
public class SessionViewHealthIndicator implements HealthIndicator {

    private final SessionView view;

    public SessionViewHealthIndicator(SessionView view) {
        this.view = view;
    }

    @Override
    public Health health() {
        Health.Builder builder = view.caughtUp() ? Health.up() : Health.outOfService();
        return builder.withDetail("openSessions", view.size()).build();
    }
}
