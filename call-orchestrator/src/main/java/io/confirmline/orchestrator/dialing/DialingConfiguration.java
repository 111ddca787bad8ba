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
package io.confirmline.orchestrator.dialing;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The 8x8 Send Callflow client, built on Boot's {@link WebClient.Builder} so its requests are measured and traced. */
@Configuration
class DialingConfiguration {

    @Bean
    CallflowsClient callflowsClient(WebClient.Builder http, DialingProperties properties) {
        return new CallflowsClient(
                http.clone(),
                new CallflowsClient.Settings(
                        properties.baseUrl(), properties.timeout(), properties.retries(), Duration.ofMillis(200)));
    }
}
