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
package io.confirmline.console.readmodel;

import io.confirmline.console.audit.AuditEntry;
import io.confirmline.console.audit.AuditLog;
import io.confirmline.console.security.ClientAddress;
import io.confirmline.console.tenant.TenantAccess;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The platform admin's command to rebuild the read model from the beginning of the topics (README, "Rebuild the
 * console's read model"). Answers 202 once the listeners are replaying; the tables fill up as they catch up.
 */
@RestController
class ReadModelController {

    private final ReadModelRebuild rebuild;
    private final AuditLog audit;
    private final ClientAddress addresses;

    ReadModelController(ReadModelRebuild rebuild, AuditLog audit, ClientAddress addresses) {
        this.rebuild = rebuild;
        this.audit = audit;
        this.addresses = addresses;
    }

    @PostMapping("/api/admin/read-model/rebuild")
    Mono<ResponseEntity<Map<String, Object>>> rebuild(ServerWebExchange exchange) {
        return TenantAccess.admin("rebuild the read model")
                .flatMap(admin -> Mono.fromCallable(rebuild::rebuild)
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(topics -> audit.record(new AuditEntry(
                                        admin.name(),
                                        "read-model.rebuilt",
                                        null,
                                        "emptied and replaying " + String.join(", ", topics),
                                        addresses.of(exchange)))
                                .thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED)
                                        .body(Map.<String, Object>of("replaying", (List<String>) topics)))));
    }
}
