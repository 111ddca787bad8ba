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
package io.confirmline.console.audit;

/**
 * One line of the audit log: who did what to which tenant, from where. Never a secret value: a secret is named
 * by its id ("added signing secret sec_3f2a").
 *
 * @param actor the login of the user or {@code platform-admin}; {@code anonymous} for a failed login
 * @param action what was done, e.g. {@code tenant.created}, {@code tenant.secret.added}, {@code login.succeeded}
 * @param tenantId the tenant concerned, or null
 * @param detail a short description without secrets
 * @param remoteAddress the client address the request came from
 */
public record AuditEntry(String actor, String action, String tenantId, String detail, String remoteAddress) {}
