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
package io.confirmline.orchestrator.conversation;

import io.confirmline.tenant.Tenant;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The owner's reply window (issue #17 item 1): a guest's text the parser left to a person waits the tenant's
 * {@code humanWindow} for one; {@link AutomaticAnswers} answers it when the window has passed. A text that arrives
 * while another waits joins it (the earlier due time stands), so a burst of texts gets one answer. Nothing waits in
 * a conversation a person has taken over.
 */
@Component
public class AnswerWindow {

    private final DatabaseClient db;

    public AnswerWindow(DatabaseClient db) {
        this.db = db;
    }

    /** The guest's text {@code textId}, received {@code at}, waits for an answer (in the caller's transaction). */
    public Mono<Void> open(Tenant tenant, String phone, UUID textId, Instant at) {
        return db.sql("UPDATE text_message SET awaits_answer = true WHERE id = :id")
                .bind("id", textId)
                .then()
                .then(db.sql("""
                                INSERT INTO conversation (tenant_id, phone, answer_due_at) VALUES (:tenant, :phone, :due)
                                ON CONFLICT (tenant_id, phone) DO UPDATE
                                    SET answer_due_at = COALESCE(conversation.answer_due_at, excluded.answer_due_at)
                                WHERE conversation.taken_over_at IS NULL""")
                        .bind("tenant", tenant.id())
                        .bind("phone", phone)
                        .bind("due", TextMessages.utc(at.plus(tenant.assistant().humanWindow())))
                        .then());
    }
}
