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
package io.confirmline.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code confirmline.web.*}: the request limits answered as problem+json by {@link RequestSizeLimitFilter}.
 *
 * <p>Reactor Netty refuses a request over {@code server.max-http-request-header-size} or
 * {@code server.netty.max-initial-line-length} itself, before Spring sees it, with a bare 431/414 and no body. The
 * services therefore set Netty's limits well above these, so that the common oversized request meets this filter
 * and gets a problem+json; only one beyond Netty's limits still gets the bare answer.
 *
 * @param maxRequestHeaderSize the most all request headers together may take (names, values, separators)
 * @param maxRequestTargetLength the longest request target (path and query) accepted
 */
@Validated
@ConfigurationProperties("confirmline.web")
public record WebProblemProperties(
        @NotNull @DefaultValue("16KB") DataSize maxRequestHeaderSize,
        @DefaultValue("4096") int maxRequestTargetLength) {}
