package io.confirmline.orchestrator.text;

/** What a guest's text reply asks for, as {@link ReplyParser} reads it (the table is docs/sms-keywords.md). */
public enum ReplyIntent {
    /** A clear yes (or the confirm digit): the booking is confirmed while it stands. */
    CONFIRM,
    /** A clear no (or the cancel digit): the booking is cancelled by the guest while it stands. */
    CANCEL,
    /** The guest revokes consent (STOP and its equivalents): no more texts or calls from this tenant. */
    OPT_OUT,
    /** The guest opts back in (START, UNSTOP). */
    OPT_IN,
    /** The guest asks for help (HELP, INFO): answered with the tenant's help text. */
    HELP,
    /** Anything else, including mixed answers and questions: a message for the owner, never decided here. */
    UNCLEAR
}
