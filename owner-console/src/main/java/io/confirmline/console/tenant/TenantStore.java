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
package io.confirmline.console.tenant;

import io.confirmline.tenant.TenantSettings;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The tenant tables: rows in, rows out, nothing decided here. Callers bring the transaction. */
@Component
public class TenantStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, revision, enabled, settings::text AS settings, created_at, updated_at";

    private final DatabaseClient db;

    public TenantStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts a new tenant at the next revision; fails with a duplicate key when the id is taken. */
    public Mono<TenantRow> insert(TenantSettings settings) {
        return db.sql("INSERT INTO tenant (id, revision, enabled, display_name, settings) "
                        + "VALUES (:id, nextval('tenant_revision'), :enabled, :name, CAST(:settings AS jsonb)) "
                        + "RETURNING " + COLUMNS)
                .bind("id", settings.id())
                .bind("enabled", settings.enabled())
                .bind("name", displayName(settings))
                .bind("settings", json(settings))
                .map(TenantStore::row)
                .one();
    }

    /** Replaces the settings and enabled flag at the next revision. */
    public Mono<TenantRow> update(TenantSettings settings) {
        return db.sql("UPDATE tenant SET revision = nextval('tenant_revision'), enabled = :enabled, "
                        + "display_name = :name, settings = CAST(:settings AS jsonb), updated_at = now() "
                        + "WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", settings.id())
                .bind("enabled", settings.enabled())
                .bind("name", displayName(settings))
                .bind("settings", json(settings))
                .map(TenantStore::row)
                .one();
    }

    /** Moves the tenant to the next revision without changing its settings (its secrets changed). */
    public Mono<TenantRow> bump(String id) {
        return db.sql("UPDATE tenant SET revision = nextval('tenant_revision'), updated_at = now() WHERE id = :id "
                        + "RETURNING " + COLUMNS)
                .bind("id", id)
                .map(TenantStore::row)
                .one();
    }

    /** The tenant, its row locked until the transaction ends: changes of one tenant happen one after another. */
    public Mono<TenantRow> lock(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(TenantStore::row)
                .one();
    }

    public Mono<TenantRow> find(String id) {
        return db.sql("SELECT " + COLUMNS + " FROM tenant WHERE id = :id")
                .bind("id", id)
                .map(TenantStore::row)
                .one();
    }

    public Flux<TenantRow> all() {
        return db.sql("SELECT " + COLUMNS + " FROM tenant ORDER BY id")
                .map(TenantStore::row)
                .all();
    }

    /** The tenants none of whose outbox records is still waiting for the relay. */
    public Flux<String> idsWithoutUnsentRecord() {
        return db.sql("SELECT t.id FROM tenant t WHERE NOT EXISTS (SELECT 1 FROM outbox o "
                        + "WHERE o.message_key = t.id AND o.sent_at IS NULL) ORDER BY t.id")
                .map(row -> row.get("id", String.class))
                .all();
    }

    public Mono<Boolean> exists(String id) {
        return db.sql("SELECT 1 FROM tenant WHERE id = :id")
                .bind("id", id)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** Deletes the tenant with its secrets and numbers; whether it was there. */
    public Mono<Boolean> delete(String id) {
        return db.sql("DELETE FROM tenant WHERE id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    public Flux<StoredSecret> secrets(String tenantId) {
        return db.sql("SELECT id, kind, key_id, nonce, ciphertext, sha256, created_at FROM tenant_secret "
                        + "WHERE tenant_id = :tenant ORDER BY created_at, id")
                .bind("tenant", tenantId)
                .map(TenantStore::secret)
                .all();
    }

    public Mono<Void> addSecret(String tenantId, StoredSecret secret) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("INSERT INTO tenant_secret "
                        + "(tenant_id, id, kind, key_id, nonce, ciphertext, sha256) "
                        + "VALUES (:tenant, :id, :kind, :keyId, :nonce, :ciphertext, :sha256)")
                .bind("tenant", tenantId)
                .bind("id", secret.id())
                .bind("kind", secret.kind().stored());
        spec = bindOrNull(spec, "keyId", secret.keyId());
        spec = bindOrNull(spec, "nonce", secret.nonce());
        spec = bindOrNull(spec, "ciphertext", secret.ciphertext());
        spec = bindOrNull(spec, "sha256", secret.sha256());
        return spec.then();
    }

    /** Removes one secret of the tenant; whether it was there. */
    public Mono<Boolean> removeSecret(String tenantId, String secretId) {
        return db.sql("DELETE FROM tenant_secret WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tenantId)
                .bind("id", secretId)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /** Stores a sealed secret again under another key (same id, same value). */
    public Mono<Void> reseal(String tenantId, StoredSecret secret) {
        return db.sql("UPDATE tenant_secret SET key_id = :keyId, nonce = :nonce, ciphertext = :ciphertext "
                        + "WHERE tenant_id = :tenant AND id = :id")
                .bind("tenant", tenantId)
                .bind("id", secret.id())
                .bind("keyId", secret.keyId())
                .bind("nonce", ByteBuffer.wrap(secret.nonce()))
                .bind("ciphertext", ByteBuffer.wrap(secret.ciphertext()))
                .then();
    }

    /** The tenants holding a sealed secret under a key other than {@code keyId}. */
    public Flux<String> tenantsSealedUnderOtherKeys(String keyId) {
        return db.sql("SELECT DISTINCT tenant_id FROM tenant_secret WHERE key_id IS NOT NULL AND key_id <> :key "
                        + "ORDER BY tenant_id")
                .bind("key", keyId)
                .map(row -> row.get("tenant_id", String.class))
                .all();
    }

    /** Which of {@code numbers} another tenant holds. */
    public Flux<String> numbersOfOthers(String tenantId, Collection<String> numbers) {
        if (numbers.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT number FROM tenant_number WHERE number = ANY(:numbers) AND tenant_id <> :tenant")
                .bind("numbers", numbers.toArray(String[]::new))
                .bind("tenant", tenantId)
                .map(row -> row.get("number", String.class))
                .all();
    }

    /** Makes {@code numbers} the tenant's numbers; fails with a duplicate key when another tenant holds one. */
    public Mono<Void> replaceNumbers(String tenantId, Collection<String> numbers) {
        Mono<Void> clear = db.sql("DELETE FROM tenant_number WHERE tenant_id = :tenant")
                .bind("tenant", tenantId)
                .then();
        if (numbers.isEmpty()) {
            return clear;
        }
        return clear.then(db.sql("INSERT INTO tenant_number (number, tenant_id) SELECT unnest(:numbers), :tenant")
                .bind("numbers", numbers.toArray(String[]::new))
                .bind("tenant", tenantId)
                .then());
    }

    private static String displayName(TenantSettings settings) {
        return settings.displayName() == null || settings.displayName().isBlank()
                ? settings.id()
                : settings.displayName();
    }

    private static String json(TenantSettings settings) {
        return JSON.writeValueAsString(TenantJson.write(settings));
    }

    private static TenantRow row(Readable row) {
        String id = row.get("id", String.class);
        boolean enabled = Boolean.TRUE.equals(row.get("enabled", Boolean.class));
        TenantSettings settings = TenantJson.read(
                        JSON.readTree(row.get("settings", String.class)), TenantJson.Mode.STORED, id, enabled)
                .settings();
        return new TenantRow(
                id,
                row.get("revision", Long.class),
                enabled,
                settings,
                instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    private static StoredSecret secret(Readable row) {
        return new StoredSecret(
                row.get("id", String.class),
                SecretKind.ofStored(row.get("kind", String.class)),
                row.get("key_id", String.class),
                bytes(row.get("nonce", ByteBuffer.class)),
                bytes(row.get("ciphertext", ByteBuffer.class)),
                bytes(row.get("sha256", ByteBuffer.class)),
                instant(row, "created_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static DatabaseClient.GenericExecuteSpec bindOrNull(
            DatabaseClient.GenericExecuteSpec spec, String name, Object value) {
        if (value == null) {
            return spec.bindNull(name, name.equals("keyId") ? String.class : ByteBuffer.class);
        }
        return spec.bind(name, value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value);
    }
}
