package io.confirmline.orchestrator.assistant;

import reactor.core.publisher.Mono;

/**
 * Reads a guest's free text and drafts the answer (issue #17). It only reads and drafts: what is done with its
 * verdict — a question asked back, a request sent to the platform, a template when it failed — is decided by the
 * conversation, never by the assistant. It never throws and never errors: every failure is a
 * {@link AssistantVerdict.Failed}, so the caller can always answer the guest.
 */
public interface GuestAssistant {

    /** The verdict on one conversation; completes within the configured timeout plus a little. */
    Mono<AssistantVerdict> answer(AssistantRequest request);
}
