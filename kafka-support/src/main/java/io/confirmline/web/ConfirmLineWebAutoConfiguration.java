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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The one error model of every reactive ConfirmLine service: every error is answered as problem+json by
 * {@link ProblemWebExceptionHandler}; oversized requests are refused by {@link RequestSizeLimitFilter}, and paths
 * with a NUL by {@link NulCharacterFilter}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(WebExceptionHandler.class)
@EnableConfigurationProperties(WebProblemProperties.class)
public class ConfirmLineWebAutoConfiguration {

    @Bean
    ProblemWebExceptionHandler problemWebExceptionHandler(ServerCodecConfigurer codecs) {
        return new ProblemWebExceptionHandler(codecs);
    }

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(WebProblemProperties properties) {
        return new RequestSizeLimitFilter(properties);
    }

    @Bean
    NulCharacterFilter nulCharacterFilter() {
        return new NulCharacterFilter();
    }
}
