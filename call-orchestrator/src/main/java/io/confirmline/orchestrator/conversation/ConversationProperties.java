package io.confirmline.orchestrator.conversation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How guests' free texts are answered once the owner's window (a tenant setting) has passed (issue #17).
 *
 * @param answerPollInterval how often due answers are looked for; part of "the window plus ten seconds"
 * @param answerLease how long an instance holds a conversation it is answering before another may take it over
 *     (longer than the assistant's timeout, so a slow answer is not given twice)
 * @param assistantMessagesPerDay the most texts the assistant writes to one guest in 24 hours; past it a template
 *     answers and the owner is left to reply
 * @param offerValidity how long the free times offered to a guest may be picked by naming one
 */
@Validated
@ConfigurationProperties("confirmline.conversation")
public record ConversationProperties(
        @NotNull @DefaultValue("1s") Duration answerPollInterval,
        @NotNull @DefaultValue("30s") Duration answerLease,
        @Min(0) @Max(100) @DefaultValue("10") int assistantMessagesPerDay,
        @NotNull @DefaultValue("2h") Duration offerValidity) {
}
