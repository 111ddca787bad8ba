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
package io.confirmline.orchestrator.call;

import io.confirmline.kafka.InvalidEventException;

/**
 * A booking or voice message whose id is already the subject of another kind of call of the same tenant (a call is
 * one per tenant and subject id): a reservation {@code r-1} and a voice message {@code r-1} cannot both be called.
 * Dead-lettered from Kafka with this reason; 409 over HTTP.
 */
public class SubjectIdTaken extends InvalidEventException {

    public SubjectIdTaken(String subjectId, String takenBy) {
        super("Id " + subjectId + " is already used by a " + takenBy + " call of this tenant");
    }
}
