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
package io.confirmline.ingress.callback;

/**
 * A VCA of a call a guest made to a tenant's virtual number (8x8-voice-api.md §11): its arrival ({@code
 * CALL_RECEIVED}, in either shape) or a later key press, which carries our {@link CallbackState} back.
 *
 * @param caller 8x8's {@code source}, E.164
 * @param virtualNumber 8x8's {@code destination}: the tenant's number that was called, E.164
 * @param digits the keys pressed, without terminators; null on arrival or when nothing was pressed
 * @param clientActionId what our previous reply set; null on arrival
 */
public record InboundCall(
        String sessionId,
        String caller,
        String virtualNumber,
        String subAccountId,
        String digits,
        String clientActionId) {}
