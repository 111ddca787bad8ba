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
package io.confirmline.console.alert;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** A tenant's alert settings ({@code alert_settings}); {@code since} is set when they are first saved. */
@Repository
public class AlertSettingsStore {

    private final DatabaseClient db;

    public AlertSettingsStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<AlertSettings> find(String tenantId) {
        return db.sql("""
                        SELECT owner_phone, late_cancel_hours, unanswered_minutes, language
                        FROM alert_settings WHERE tenant_id = $1""")
                .bind(0, tenantId)
                .map(row -> new AlertSettings(
                        row.get("owner_phone", String.class),
                        row.get("late_cancel_hours", Integer.class),
                        row.get("unanswered_minutes", Integer.class),
                        row.get("language", String.class)))
                .one();
    }

    public Mono<Void> save(String tenantId, AlertSettings settings) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql("""
                        INSERT INTO alert_settings (tenant_id, owner_phone, late_cancel_hours, unanswered_minutes, language)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (tenant_id) DO UPDATE SET owner_phone = EXCLUDED.owner_phone,
                               late_cancel_hours = EXCLUDED.late_cancel_hours,
                               unanswered_minutes = EXCLUDED.unanswered_minutes, language = EXCLUDED.language,
                               updated_at = now()""").bind(0, tenantId).bind(1, settings.ownerPhone()).bind(4, settings.language());
        spec = settings.lateCancelHours() == null
                ? spec.bindNull(2, Integer.class)
                : spec.bind(2, settings.lateCancelHours());
        spec = settings.unansweredMinutes() == null
                ? spec.bindNull(3, Integer.class)
                : spec.bind(3, settings.unansweredMinutes());
        return spec.then();
    }
}
