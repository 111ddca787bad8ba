package io.confirmline.console.conversation;

/** A ready-made answer: its button's label and the text it sends, in the owner's order. */
public record QuickReply(long id, String label, String body, int position) {
}
