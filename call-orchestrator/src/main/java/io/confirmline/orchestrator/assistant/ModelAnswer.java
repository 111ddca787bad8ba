package io.confirmline.orchestrator.assistant;

/**
 * The model's answer as written, before any check: every field may be missing or wrong ({@link AnswerCheck} decides
 * what it is worth). The intent is a string so that one outside the enum is a malformed answer, not an exception.
 */
record ModelAnswer(String intent, String reply, String date, String time, Integer partySize) {
}
