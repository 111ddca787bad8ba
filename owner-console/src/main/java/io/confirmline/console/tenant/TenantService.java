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

import io.confirmline.console.audit.AuditEntry;
import io.confirmline.console.audit.AuditLog;
import io.confirmline.console.outbox.TenantOutbox;
import io.confirmline.events.TenantConfigured;
import io.confirmline.tenant.TenantRecords;
import io.confirmline.tenant.TenantSettings;
import io.confirmline.web.ProblemException.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every change of a tenant, each in one transaction with its outbox record for {@code tenants.v1} and its audit
 * line: a change that commits is published and audited, one that fails is neither. Each change takes the tenant's
 * row lock first, so one tenant's changes (and their revisions and outbox rows) happen one after another.
 */
@Service
public class TenantService {

    /** At most this many active secrets of one kind: rotation needs two, a few more is a mistake. */
    static final int MAX_PER_KIND = 10;

    private final TenantStore store;
    private final TenantSecrets secrets;
    private final TenantOutbox outbox;
    private final AuditLog audit;
    private final TransactionalOperator transaction;
    private final boolean production;

    public TenantService(
            TenantStore store,
            TenantSecrets secrets,
            TenantOutbox outbox,
            AuditLog audit,
            ReactiveTransactionManager transactions,
            Environment environment) {
        this.store = store;
        this.secrets = secrets;
        this.outbox = outbox;
        this.audit = audit;
        this.transaction = TransactionalOperator.create(transactions);
        this.production = environment.acceptsProfiles(Profiles.of("production"));
    }

    /** Who asked, for the audit log. */
    public record Actor(String name, String remoteAddress) {

        /** The console itself at start (the YAML import, the re-seal after a secrets-key rotation). */
        public static Actor startup() {
            return new Actor("console-startup", "local");
        }
    }

    /** A secret added by a change; {@code value} only when the console made it (shown once, then never again). */
    public record Generated(String id, String value) {
        @Override
        public String toString() {
            return "Generated[id=" + id + ", value=***]";
        }
    }

    /** A tenant after a change: its row, its secrets (stored form), the outbox row announcing it. */
    public record Changed(
            TenantRow row, List<StoredSecret> secrets, long outboxId, Map<SecretKind, List<Generated>> generated) {}

    /** The rules a request is checked by (demo values refused in production). */
    public TenantValidator.Rules rules(boolean apiKeyRequired) {
        return new TenantValidator.Rules(production, apiKeyRequired);
    }

    /**
     * Creates a tenant; the webhook tokens, platform keys and signing secrets it was not given are generated (and
     * answered once) when {@code generateMissing}.
     */
    public Mono<Changed> create(TenantSettings settings, ClearSecrets clear, boolean generateMissing, Actor actor) {
        Problems problems = new Problems();
        TenantValidator.check(settings, clear, rules(generateMissing), problems);
        if (!problems.isEmpty()) {
            return Mono.error(AdminProblems.invalid(problems));
        }
        TenantSettings stored = TenantJson.withoutSecrets(settings);
        String id = settings.id();
        Map<SecretKind, List<Generated>> generated = new EnumMap<>(SecretKind.class);
        List<StoredSecret> toStore = new ArrayList<>();
        if (clear.apiKey() != null) {
            toStore.add(secrets.store(id, SecretKind.API_KEY, clear.apiKey()));
        }
        addAll(id, SecretKind.WEBHOOK_TOKEN, clear.webhookTokens(), generateMissing, toStore, generated);
        addAll(id, SecretKind.PLATFORM_KEY, clear.platformApiKeys(), generateMissing, toStore, generated);
        addAll(id, SecretKind.SIGNING_SECRET, clear.signingSecrets(), generateMissing, toStore, generated);
        // The console's own key for calling the orchestrator and the notifier on the tenant's behalf, from the start.
        toStore.add(secrets.store(id, SecretKind.CONSOLE_KEY, secrets.generate(SecretKind.CONSOLE_KEY)));
        Mono<Changed> work = claimNumbers(id, stored)
                .then(store.insert(stored))
                .flatMap(row -> Flux.fromIterable(toStore)
                        .concatMap(secret -> store.addSecret(id, secret))
                        .then(Mono.just(row)))
                .flatMap(row -> store.replaceNumbers(id, numbers(stored)).then(publish(row, generated)))
                .flatMap(changed -> record(
                                actor,
                                "tenant.created",
                                id,
                                "created" + (changed.row().enabled() ? "" : " disabled") + " with secrets "
                                        + ids(changed.secrets()))
                        .thenReturn(changed));
        return work.as(transaction::transactional)
                .onErrorMap(DataIntegrityViolationException.class, e -> duplicate(id, e));
    }

    /** Creates the tenant unless one with its id exists (the YAML import); whether it did. */
    public Mono<Boolean> createIfAbsent(TenantSettings settings, ClearSecrets clear, Actor actor) {
        return store.exists(settings.id())
                .flatMap(exists -> exists
                        ? Mono.just(false)
                        : create(settings, clear, false, actor)
                                .thenReturn(true)
                                // Another console instance imported it at the same moment.
                                .onErrorResume(
                                        e -> e instanceof ErrorResponse response
                                                && response.getStatusCode().value() == 409,
                                        e -> store.exists(settings.id())
                                                .flatMap(now -> now ? Mono.just(false) : Mono.error(e))));
    }

    /** Replaces the tenant's non-secret settings (enabled and secrets stay). */
    public Mono<Changed> update(String id, TenantSettings settings, Actor actor) {
        Problems problems = new Problems();
        TenantValidator.check(settings, ClearSecrets.none(), rules(false), problems);
        if (!problems.isEmpty()) {
            return Mono.error(AdminProblems.invalid(problems));
        }
        Mono<Changed> work = locked(id).flatMap(current -> {
            TenantSettings next = TenantJson.withEnabled(TenantJson.withoutSecrets(settings), current.enabled());
            String changed = changedFields(current.settings(), next);
            return claimNumbers(id, next)
                    .then(store.update(next))
                    .flatMap(row -> store.replaceNumbers(id, numbers(next)).then(publish(row, Map.of())))
                    .flatMap(result ->
                            record(actor, "tenant.updated", id, changed).thenReturn(result));
        });
        return work.as(transaction::transactional)
                .onErrorMap(DataIntegrityViolationException.class, e -> duplicate(id, e));
    }

    /** Switches the tenant on or off; nothing changes (nor is published) when it already is. */
    public Mono<Changed> setEnabled(String id, boolean enabled, Actor actor) {
        return locked(id)
                .flatMap(current -> {
                    if (current.enabled() == enabled) {
                        return store.secrets(id).collectList().map(list -> new Changed(current, list, 0, Map.of()));
                    }
                    return store.update(TenantJson.withEnabled(current.settings(), enabled))
                            .flatMap(row -> publish(row, Map.of()))
                            .flatMap(changed -> record(
                                            actor,
                                            enabled ? "tenant.enabled" : "tenant.disabled",
                                            id,
                                            enabled ? "switched on" : "switched off")
                                    .thenReturn(changed));
                })
                .as(transaction::transactional);
    }

    /** Deletes the tenant: a tombstone on tenants.v1; returns the tombstone's outbox id. */
    public Mono<Long> delete(String id, Actor actor) {
        return locked(id)
                .flatMap(current -> store.delete(id)
                        .then(outbox.tombstone(id))
                        .flatMap(tombstone -> record(
                                        actor, "tenant.deleted", id, "deleted at revision " + current.revision())
                                .thenReturn(tombstone)))
                .as(transaction::transactional);
    }

    /**
     * Adds a secret of {@code kind} ({@code value}, or a generated one answered once). A new 8x8 API key replaces
     * the old one (a tenant has one); the others are added next to the active ones, for rotation.
     */
    public Mono<Changed> addSecret(String id, SecretKind kind, Optional<String> value, Actor actor) {
        if (kind == SecretKind.API_KEY && value.isEmpty()) {
            Problems problems = new Problems();
            problems.add("value", "is required: 8x8 issues API keys, the console cannot make one");
            return Mono.error(AdminProblems.invalid(problems));
        }
        if (value.isPresent()) {
            Problems problems = new Problems();
            TenantValidator.secret(kind, value.get(), problems);
            if (!problems.isEmpty()) {
                return Mono.error(AdminProblems.invalid(problems));
            }
        }
        String clear = value.orElseGet(() -> secrets.generate(kind));
        StoredSecret secret = secrets.store(id, kind, clear);
        // The new secret's id, with its value only when the console made it (answered once).
        Map<SecretKind, List<Generated>> generated =
                Map.of(kind, List.of(new Generated(secret.id(), value.isPresent() ? null : clear)));
        return locked(id)
                .flatMap(current -> store.secrets(id).collectList().flatMap(existing -> {
                    List<StoredSecret> same =
                            existing.stream().filter(s -> s.kind() == kind).toList();
                    if (kind != SecretKind.API_KEY && same.size() >= MAX_PER_KIND) {
                        return Mono.error(AdminProblems.conflict("Tenant " + id + " already has " + MAX_PER_KIND + " "
                                + kind.path() + "; remove an old one first"));
                    }
                    Mono<Void> replaced = kind == SecretKind.API_KEY
                            ? Flux.fromIterable(same)
                                    .concatMap(old -> store.removeSecret(id, old.id()))
                                    .then()
                            : Mono.empty();
                    String detail = kind == SecretKind.API_KEY && !same.isEmpty()
                            ? "replaced " + kind.stored() + " " + ids(same) + " by " + secret.id()
                            : "added " + kind.stored() + " " + secret.id();
                    return replaced.then(store.addSecret(id, secret))
                            .then(store.bump(id))
                            .flatMap(row -> publish(row, generated))
                            .flatMap(changed -> record(actor, "tenant.secret.added", id, detail)
                                    .thenReturn(changed));
                }))
                .as(transaction::transactional);
    }

    /**
     * Removes one secret. The last of a kind stays (409): a tenant without it could not be served, so rotation
     * adds the new one first.
     */
    public Mono<Changed> removeSecret(String id, SecretKind kind, String secretId, Actor actor) {
        return removeSecret(id, kind, secretId, false, actor);
    }

    /** Removes a secret the console itself just added and could not use (a webhook registration that failed). */
    public Mono<Changed> discardSecret(String id, SecretKind kind, String secretId, Actor actor) {
        return removeSecret(id, kind, secretId, true, actor);
    }

    private Mono<Changed> removeSecret(String id, SecretKind kind, String secretId, boolean evenLast, Actor actor) {
        return locked(id)
                .flatMap(current -> store.secrets(id).collectList().flatMap(existing -> {
                    List<StoredSecret> same =
                            existing.stream().filter(s -> s.kind() == kind).toList();
                    if (same.stream().noneMatch(s -> s.id().equals(secretId))) {
                        return Mono.error(AdminProblems.of(
                                HttpStatus.NOT_FOUND, "Tenant " + id + " has no " + kind.stored() + " " + secretId));
                    }
                    if (same.size() == 1 && !evenLast) {
                        return Mono.error(AdminProblems.conflict(
                                kind == SecretKind.API_KEY
                                        ? "A tenant has one 8x8 API key: POST a new one to replace it"
                                        : secretId + " is the tenant's last " + kind.stored()
                                                + ": add the new one first"));
                    }
                    return store.removeSecret(id, secretId)
                            .then(store.bump(id))
                            .flatMap(row -> publish(row, Map.of()))
                            .flatMap(changed -> record(
                                            actor,
                                            "tenant.secret.removed",
                                            id,
                                            "removed " + kind.stored() + " " + secretId)
                                    .thenReturn(changed));
                }))
                .as(transaction::transactional);
    }

    /**
     * Seals again, under the current secrets key, every secret of the tenant stored under an older one, and
     * publishes the tenant; whether there was any.
     */
    public Mono<Boolean> reseal(String id, Actor actor) {
        return store.lock(id)
                .flatMap(current -> store.secrets(id).collectList().flatMap(existing -> {
                    List<StoredSecret> old =
                            existing.stream().filter(secrets::needsReseal).toList();
                    if (old.isEmpty()) {
                        return Mono.just(false);
                    }
                    return Flux.fromIterable(old)
                            .concatMap(secret -> store.reseal(id, secrets.reseal(id, secret)))
                            .then(store.bump(id))
                            .flatMap(row -> publish(row, Map.of()))
                            .flatMap(changed -> record(
                                    actor,
                                    "tenant.secrets.resealed",
                                    id,
                                    "sealed " + ids(old) + " under key "
                                            + secrets.cipher().currentKeyId()))
                            .thenReturn(true);
                }))
                .defaultIfEmpty(false)
                .as(transaction::transactional);
    }

    /**
     * Publishes the tenant again as it is, at its current revision (services that hold it ignore the repeat); for a
     * topic that lost its records. Nothing changes, so nothing is audited.
     */
    public Mono<Void> republish(String id) {
        return store.lock(id).flatMap(row -> publish(row, Map.of())).then().as(transaction::transactional);
    }

    /** The tenant and its secrets (stored form). */
    public Mono<Changed> find(String id) {
        return store.find(id)
                .switchIfEmpty(Mono.error(AdminProblems.notFound(id)))
                .flatMap(row -> store.secrets(id).collectList().map(list -> new Changed(row, list, 0, Map.of())));
    }

    /**
     * Gives the tenant a console key when it has none (a tenant from before console keys) and publishes it; whether
     * it had to. Under the tenant's row lock, so two console instances starting together make one.
     */
    public Mono<Boolean> ensureConsoleKey(String id, Actor actor) {
        return store.lock(id)
                .flatMap(current -> store.secrets(id).collectList().flatMap(existing -> {
                    if (existing.stream().anyMatch(s -> s.kind() == SecretKind.CONSOLE_KEY)) {
                        return Mono.just(false);
                    }
                    StoredSecret key =
                            secrets.store(id, SecretKind.CONSOLE_KEY, secrets.generate(SecretKind.CONSOLE_KEY));
                    return store.addSecret(id, key)
                            .then(store.bump(id))
                            .flatMap(row -> publish(row, Map.of()))
                            .flatMap(changed -> record(
                                    actor,
                                    "tenant.secret.added",
                                    id,
                                    "added " + SecretKind.CONSOLE_KEY.stored() + " " + key.id()))
                            .thenReturn(true);
                }))
                .defaultIfEmpty(false)
                .as(transaction::transactional);
    }

    /** The tenant's console key in clear, for calling the orchestrator or the notifier; empty when it has none. */
    public Mono<Optional<String>> consoleKey(String id) {
        return store.secrets(id)
                .filter(s -> s.kind() == SecretKind.CONSOLE_KEY)
                .reduce((a, b) -> b)
                .map(s -> Optional.of(secrets.open(id, s).value()))
                .defaultIfEmpty(Optional.empty());
    }

    /** The sealed 8x8 API key of the tenant in clear, for calling 8x8 on its behalf; empty when it has none. */
    public Mono<Optional<String>> apiKey(String id) {
        return store.secrets(id)
                .filter(s -> s.kind() == SecretKind.API_KEY)
                .reduce((a, b) -> b)
                .map(s -> Optional.of(secrets.open(id, s).value()))
                .defaultIfEmpty(Optional.empty());
    }

    private Mono<TenantRow> locked(String id) {
        return store.lock(id).switchIfEmpty(Mono.error(AdminProblems.notFound(id)));
    }

    /** Builds the tenant's record from what the transaction holds now, and writes it to the outbox. */
    private Mono<Changed> publish(TenantRow row, Map<SecretKind, List<Generated>> generated) {
        return store.secrets(row.id()).collectList().flatMap(list -> {
            TenantConfigured event = TenantRecords.toEvent(
                    row.settings(), secrets.forEvent(row.id(), list), row.revision(), Instant.now(), secrets.cipher());
            return outbox.add(event).map(outboxId -> new Changed(row, list, outboxId, generated));
        });
    }

    private Mono<Void> record(Actor actor, String action, String tenantId, String detail) {
        return audit.record(new AuditEntry(actor.name(), action, tenantId, detail, actor.remoteAddress()));
    }

    /** 409 when another tenant holds one of the tenant's virtual numbers, naming the tenant's fields only. */
    private Mono<Void> claimNumbers(String id, TenantSettings settings) {
        Set<String> numbers = numbers(settings);
        return store.numbersOfOthers(id, numbers).collectList().flatMap(taken -> {
            if (taken.isEmpty()) {
                return Mono.empty();
            }
            List<FieldError> errors = new ArrayList<>();
            fieldsOf(settings.virtualNumbers(), "virtualNumbers", taken, errors);
            fieldsOf(settings.smsNumbers(), "smsNumbers", taken, errors);
            return Mono.error(AdminProblems.conflict(
                    "A virtual number is another tenant's (numbers are unique " + "across tenants)", errors));
        });
    }

    private static void fieldsOf(List<String> numbers, String field, List<String> taken, List<FieldError> errors) {
        for (int i = 0; i < numbers.size(); i++) {
            if (taken.contains(numbers.get(i))) {
                errors.add(new FieldError(field + "[" + i + "]", "is another tenant's number"));
            }
        }
    }

    private static Set<String> numbers(TenantSettings settings) {
        Set<String> all = new LinkedHashSet<>(settings.virtualNumbers());
        all.addAll(settings.smsNumbers());
        return all;
    }

    private static Throwable duplicate(String id, DataIntegrityViolationException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("tenant_number")) {
            return AdminProblems.conflict("A virtual number was just taken by another tenant; try again");
        }
        if (message.contains("tenant_pkey")) {
            return AdminProblems.conflict("Tenant " + id + " exists");
        }
        return e;
    }

    private void addAll(
            String id,
            SecretKind kind,
            List<String> values,
            boolean generateMissing,
            List<StoredSecret> into,
            Map<SecretKind, List<Generated>> generated) {
        if (values.isEmpty() && generateMissing) {
            String value = secrets.generate(kind);
            StoredSecret secret = secrets.store(id, kind, value);
            into.add(secret);
            generated.put(kind, List.of(new Generated(secret.id(), value)));
            return;
        }
        values.forEach(value -> into.add(secrets.store(id, kind, value)));
    }

    private static String ids(List<StoredSecret> secrets) {
        return String.join(
                ", ",
                secrets.stream().map(s -> s.kind().stored() + " " + s.id()).toList());
    }

    /** The names of the settings that differ, for the audit line (values are not repeated there). */
    private static String changedFields(TenantSettings before, TenantSettings after) {
        Map<String, Object> old = TenantJson.write(before);
        Map<String, Object> next = TenantJson.write(after);
        List<String> changed = next.keySet().stream()
                .filter(k -> !Objects.equals(old.get(k), next.get(k)))
                .toList();
        return changed.isEmpty() ? "settings replaced, none changed" : "changed " + String.join(", ", changed);
    }
}
