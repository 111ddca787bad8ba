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

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service follows {@code tenants.v1} ({@code confirmline.tenant-directory.*}).
 *
 * @param enabled whether this service keeps a {@link TenantDirectory} (the three services do; the console, which
 *     is the authority, does not)
 * @param topic the topic to follow; only tests name another, so that each test context has tenants of its own
 * @param startupWait how long start-up waits for the directory to catch up before going on with readiness DOWN
 *     (so that a service which is up serves its tenants from its first request)
 * @param pollTimeout the consumer's poll timeout, the longest a stop waits for the loop
 */
@Validated
@ConfigurationProperties("confirmline.tenant-directory")
public record TenantDirectoryProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("tenants.v1") @NotBlank String topic,
        @DefaultValue("30s") @NotNull Duration startupWait,
        @DefaultValue("500ms") @NotNull Duration pollTimeout) {}
