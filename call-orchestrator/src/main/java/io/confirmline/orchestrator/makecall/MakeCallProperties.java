package io.confirmline.orchestrator.makecall;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP door ({@code confirmline.make-call.*}).
 *
 * @param answerWait how long {@code POST /api/make-call} waits for 8x8 to accept an immediate voice message before
 *     it answers 202 and lets the dial finish in the background (the platform then hears the outcome by webhook)
 */
@Validated
@ConfigurationProperties("confirmline.make-call")
public record MakeCallProperties(@DefaultValue("2s") @NotNull Duration answerWait) {
}
