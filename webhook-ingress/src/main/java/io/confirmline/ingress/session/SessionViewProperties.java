package io.confirmline.ingress.session;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ingress's own view of {@code voice.sessions.v1}.
 *
 * @param maxAge a session is forgotten this long after it was opened, even if its own expiresAt is later
 * @param sweepInterval how often expired sessions are removed
 * @param pollTimeout how long one poll of the topic waits for new sessions
 */
@Validated
@ConfigurationProperties("confirmline.ingress.sessions")
public record SessionViewProperties(
        @DefaultValue("6h") @NotNull Duration maxAge,
        @DefaultValue("1m") @NotNull Duration sweepInterval,
        @DefaultValue("500ms") @NotNull Duration pollTimeout) {
}
