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

import io.confirmline.events.InboundCallEvent;
import java.util.List;

/**
 * The reply to one VCA of an inbound call and the events it gives rise to.
 *
 * @param reply the callflow JSON 8x8 plays, with the call's next {@link CallbackState} as its clientActionId
 * @param events what to publish on {@code voice.inbound-calls.v1}, each with an eventId stable across 8x8's
 *     redeliveries of the same VCA
 * @param outcome what the caller got, for metrics: menu, reprompt, confirmed, cancelled, goodbye, put_through,
 *     closed, ended
 */
public record InboundCallAnswer(String reply, List<InboundCallEvent> events, String outcome) {}
