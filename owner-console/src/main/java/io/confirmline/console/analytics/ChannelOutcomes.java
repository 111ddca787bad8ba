package io.confirmline.console.analytics;

/**
 * The final outcomes that came through one channel (the booking's channel when it reached its outcome): VOICE
 * (our call), SMS (a reply to the text, or its delivery failure), INBOUND_CALL (the guest rang back), CONSOLE (an
 * owner's action).
 */
public record ChannelOutcomes(String channel, long outcomes, long confirmed, long cancelled) {
}
