package io.confirmline.orchestrator.call;

import io.confirmline.events.CallLeg;
import io.confirmline.events.CallSessionSummary;
import io.confirmline.events.CallSummaryLeg;
import io.confirmline.events.SessionSummaryReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What the platform is told about a finished 8x8 session: its durations and the public summary (no phone numbers). */
final class CompletedSession {

    private CompletedSession() {
    }

    /**
     * The attempt's talk time: 8x8's {@code callDuration} of the first leg when it sent one (8x8's own count is the
     * one a bill follows), else from answer to hang-up; null when the call was never answered and 8x8 sent no count.
     */
    static Integer talkSeconds(SessionSummaryReceived summary) {
        Integer reported = summary.getLegs().stream().map(CallLeg::getDurationSeconds).filter(Objects::nonNull)
                .findFirst().orElse(null);
        if (reported != null) {
            return reported;
        }
        Instant connected = summary.getLegs().stream().map(CallLeg::getConnectedAt).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
        Instant ended = summary.getEndTime() != null ? summary.getEndTime() : summary.getLegs().stream()
                .map(CallLeg::getDisconnectedAt).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
        return seconds(connected, ended);
    }

    /** The session's summary for its call.completed event. */
    static CallSessionSummary summary(SessionSummaryReceived summary, String attemptId) {
        Integer reported = summary.getLegs().stream().map(CallLeg::getDurationSeconds).filter(Objects::nonNull)
                .findFirst().orElse(null);
        return CallSessionSummary.newBuilder()
                .setSessionId(summary.getSessionId()).setAttemptId(attemptId)
                .setProviderStatus(summary.getRawSessionStatus())
                .setErrorCode(summary.getErrorCode()).setErrorMessage(summary.getErrorMessage())
                .setStartedAt(summary.getStartTime()).setEndedAt(summary.getEndTime())
                .setDurationSeconds(reported != null ? reported : seconds(summary.getStartTime(), summary.getEndTime()))
                .setLegs(summary.getLegs().stream().map(leg -> CallSummaryLeg.newBuilder()
                        .setName(leg.getName()).setCallId(leg.getCallId()).setDirection(leg.getDirection())
                        .setCallStatus(leg.getCallStatus()).setInitiatedAt(leg.getInitiatedAt())
                        .setConnectedAt(leg.getConnectedAt()).setDisconnectedAt(leg.getDisconnectedAt())
                        .setDurationSeconds(leg.getDurationSeconds()).build()).toList())
                .build();
    }

    private static Integer seconds(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from) ? null : (int) Duration.between(from, to).toSeconds();
    }
}
