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
package io.confirmline.tenant;

import io.confirmline.events.CallingPolicy;
import io.confirmline.events.DigitMap;
import io.confirmline.events.EightByEightAccount;
import io.confirmline.events.OpeningPeriod;
import io.confirmline.events.SecretDigestEntry;
import io.confirmline.events.TenantConfigured;
import io.confirmline.events.TextFallback;
import io.confirmline.events.TextingPolicy;
import io.confirmline.security.SecretDigest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Between a tenant's settings and the {@code TenantConfigured} event of {@code tenants.v1}: the one place that
 * decides what travels encrypted (the 8x8 API key, the signing secrets), what travels as a digest (webhook
 * tokens, platform keys) and how the event becomes the {@link Tenant} every service uses.
 */
public final class TenantRecords {

    private TenantRecords() {}

    /** The secrets of a tenant as the console keeps them: the compared ones as digests only. */
    public record Secrets(
            NamedSecret apiKey,
            List<NamedDigest> webhookTokens,
            List<NamedDigest> platformApiKeys,
            List<NamedSecret> signingSecrets) {}

    /** The secrets written in settings (YAML), named by kind and position: {@code webhook-token-1}... */
    public static Secrets secretsOf(TenantSettings settings) {
        return new Secrets(
                new NamedSecret("api-key-1", nullToEmpty(settings.apiKey())),
                digests("webhook-token-", settings.allAuthTokens()),
                digests("platform-key-", settings.allPlatformApiKeys()),
                named("signing-secret-", settings.allSigningSecrets()));
    }

    private static List<NamedDigest> digests(String prefix, List<String> values) {
        List<NamedDigest> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(new NamedDigest(prefix + (i + 1), SecretDigest.of(values.get(i))));
        }
        return out;
    }

    private static List<NamedSecret> named(String prefix, List<String> values) {
        List<NamedSecret> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(new NamedSecret(prefix + (i + 1), values.get(i)));
        }
        return out;
    }

    /** The event for {@code settings} at {@code revision}, secrets sealed with {@code cipher}. */
    public static TenantConfigured toEvent(
            TenantSettings settings, Secrets secrets, long revision, Instant at, SecretsCipher cipher) {
        String id = settings.id();
        EightByEightAccount account = EightByEightAccount.newBuilder()
                .setAccountId(blankToNull(settings.accountId()))
                .setVoiceSubaccountId(nullToEmpty(settings.subaccountId()))
                .setApiKey(cipher.encrypt(id, secrets.apiKey()))
                .setCallerId(nullToEmpty(settings.callerId()))
                .setVirtualNumbers(List.copyOf(settings.virtualNumbers()))
                .setSmsSubaccountId(blankToNull(settings.smsSubaccountId()))
                .setSmsNumbers(List.copyOf(settings.smsNumbers()))
                .build();
        CallingPolicy calling = CallingPolicy.newBuilder()
                .setLeadTimeMillis(settings.leadTime().toMillis())
                .setMinimumNoticeMillis(settings.minimumNotice().toMillis())
                .setCallingOpens(settings.callingOpens().toString())
                .setCallingCloses(settings.callingCloses().toString())
                .setMaxAttempts(settings.maxAttempts())
                .setRetryDelayMillis(settings.retryDelay().toMillis())
                .setMaxReprompts(settings.maxReprompts())
                .setCallsPerSecond(settings.callsPerSecond())
                .setMaxConcurrentCalls(settings.maxConcurrentCalls())
                .build();
        List<OpeningPeriod> opening = settings.openingHours().stream()
                .map(h -> OpeningPeriod.newBuilder()
                        .setDay(h.day().toUpperCase(java.util.Locale.ROOT))
                        .setOpens(h.opens().toString())
                        .setCloses(h.closes().toString())
                        .build())
                .toList();
        return TenantConfigured.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setTenantId(id)
                .setRevision(revision)
                .setEnabled(settings.enabled())
                .setDisplayName(
                        settings.displayName() == null || settings.displayName().isBlank()
                                ? id
                                : settings.displayName())
                .setTimeZone(settings.timeZone())
                .setEightByEight(account)
                .setWebhookTokens(entries(secrets.webhookTokens()))
                .setPlatformApiKeys(entries(secrets.platformApiKeys()))
                .setCallbackUrl(nullToEmpty(settings.callbackUrl()))
                .setSigningSecrets(secrets.signingSecrets().stream()
                        .map(s -> cipher.encrypt(id, s))
                        .toList())
                .setCalling(calling)
                .setDigits(DigitMap.newBuilder()
                        .setConfirm(settings.confirmDigit())
                        .setCancel(settings.cancelDigit())
                        .setTransfer(settings.transferDigit())
                        .build())
                .setVoices(new LinkedHashMap<>(settings.voices()))
                .setPrompts(copyPrompts(settings.prompts()))
                .setVenuePhone(blankToNull(settings.venuePhone()))
                .setOpeningHours(opening)
                .setAssistantEnabled(settings.assistantEnabled())
                .setAssistantFaq(blankToNull(settings.assistantFaq()))
                .setVenueAddress(blankToNull(settings.venueAddress()))
                .setHumanWindowMillis(
                        settings.humanWindow() == null
                                ? Tenant.Assistant.DEFAULT_HUMAN_WINDOW.toMillis()
                                : settings.humanWindow().toMillis())
                .setAvailabilityUrl(blankToNull(settings.availabilityUrl()))
                .setTexting(TextingPolicy.newBuilder()
                        .setFallbackOn(TextFallback.valueOf(
                                settings.textFallback() == null
                                                || settings.textFallback().isBlank()
                                        ? "BOTH"
                                        : settings.textFallback().trim().toUpperCase(java.util.Locale.ROOT)))
                        .setHelpText(blankToNull(settings.smsHelpText()))
                        .build())
                .build();
    }

    private static List<SecretDigestEntry> entries(List<NamedDigest> digests) {
        return digests.stream()
                .map(d -> SecretDigestEntry.newBuilder()
                        .setId(d.id())
                        .setSha256(ByteBuffer.wrap(d.digest().bytes()))
                        .build())
                .toList();
    }

    private static Map<String, Map<String, String>> copyPrompts(Map<String, Map<String, String>> prompts) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        prompts.forEach((language, texts) -> out.put(language, new LinkedHashMap<>(texts)));
        return out;
    }

    /**
     * The tenant an event describes, its sealed secrets opened with {@code cipher}.
     *
     * @throws SecretsCipher.SecretUnreadableException when a secret cannot be decrypted here
     * @throws IllegalArgumentException when a field cannot be read (a zone, a time, a URL)
     */
    public static Tenant toTenant(TenantConfigured event, SecretsCipher cipher) {
        String id = event.getTenantId();
        EightByEightAccount account = event.getEightByEight();
        Tenant.Account decoded = new Tenant.Account(
                Optional.ofNullable(account.getAccountId()),
                account.getVoiceSubaccountId(),
                cipher.decrypt(id, account.getApiKey()),
                account.getCallerId(),
                List.copyOf(account.getVirtualNumbers()),
                Optional.ofNullable(account.getSmsSubaccountId()),
                List.copyOf(account.getSmsNumbers()));
        CallingPolicy calling = event.getCalling();
        Tenant.Calling policy = new Tenant.Calling(
                Duration.ofMillis(calling.getLeadTimeMillis()),
                Duration.ofMillis(calling.getMinimumNoticeMillis()),
                LocalTime.parse(calling.getCallingOpens()),
                LocalTime.parse(calling.getCallingCloses()),
                calling.getMaxAttempts(),
                Duration.ofMillis(calling.getRetryDelayMillis()),
                calling.getMaxReprompts(),
                calling.getCallsPerSecond(),
                calling.getMaxConcurrentCalls());
        DigitMap digits = event.getDigits();
        Map<String, Map<String, String>> prompts = new LinkedHashMap<>();
        event.getPrompts().forEach((language, texts) -> {
            Map<String, String> copy = new LinkedHashMap<>();
            copy.putAll(texts);
            prompts.put(language, Map.copyOf(copy));
        });
        Map<String, String> voices = new LinkedHashMap<>();
        voices.putAll(event.getVoices());
        return new Tenant(
                id,
                event.getRevision(),
                event.getEnabled(),
                event.getDisplayName(),
                ZoneId.of(event.getTimeZone()),
                decoded,
                named(event.getWebhookTokens()),
                named(event.getPlatformApiKeys()),
                URI.create(event.getCallbackUrl()),
                event.getSigningSecrets().stream()
                        .map(s -> cipher.decrypt(id, s))
                        .toList(),
                policy,
                new Tenant.Digits(digits.getConfirm(), digits.getCancel(), digits.getTransfer()),
                Map.copyOf(voices),
                Map.copyOf(prompts),
                Optional.ofNullable(event.getVenuePhone()),
                event.getOpeningHours().stream()
                        .map(p -> new Tenant.OpeningPeriod(
                                DayOfWeek.valueOf(p.getDay()),
                                LocalTime.parse(p.getOpens()),
                                LocalTime.parse(p.getCloses())))
                        .toList(),
                new Tenant.Assistant(
                        event.getAssistantEnabled(),
                        Duration.ofMillis(event.getHumanWindowMillis()),
                        Optional.ofNullable(event.getAssistantFaq()),
                        Optional.ofNullable(event.getVenueAddress()),
                        Optional.ofNullable(event.getAvailabilityUrl()).map(URI::create)),
                new Tenant.Texting(
                        Tenant.TextFallback.of(
                                event.getTexting().getFallbackOn().name()),
                        Optional.ofNullable(event.getTexting().getHelpText())));
    }

    private static List<NamedDigest> named(List<SecretDigestEntry> entries) {
        return entries.stream()
                .map(e -> {
                    ByteBuffer buffer = e.getSha256().duplicate();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    return new NamedDigest(e.getId(), SecretDigest.ofDigest(bytes));
                })
                .toList();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
