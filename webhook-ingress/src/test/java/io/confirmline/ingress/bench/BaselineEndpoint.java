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
package io.confirmline.ingress.bench;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The benchmark's baseline: the cheapest endpoint the same app can serve (read the body, answer a constant), so
 * the VCA figures can be read as a ratio of what the stack itself costs on this machine. Only in the benchmark.
 */
@RestController
class BaselineEndpoint {

    static final String REPLY = "{\"callflow\":[{\"action\":\"hangup\"}]}";

    @PostMapping(path = "/benchmark/baseline", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<String> baseline(@RequestBody byte[] body) {
        return Mono.just(REPLY);
    }
}
