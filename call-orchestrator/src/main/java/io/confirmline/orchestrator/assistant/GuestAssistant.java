/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
