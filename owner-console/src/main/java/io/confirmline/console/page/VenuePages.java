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
package io.confirmline.console.page;

import io.confirmline.console.security.ConsolePrincipal;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every page of a venue (a tenant's own pages) starts from: who is signed in, the refusals (403 page, 404 page)
 * and the venue's clock. One home so that the pages refuse and tell time alike.
 */
@Component
public class VenuePages {

    private final DatabaseClient db;

    public VenuePages(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The signed-in user of a tenant, also put in the model as {@code principal} for the header; empty for the
     * platform admin, who has no venue pages.
     */
    public static Mono<ConsolePrincipal> member(Model model) {
        return ConsolePrincipal.current()
                .doOnNext(principal -> model.addAttribute("principal", principal))
                .filter(principal -> principal.tenantId().isPresent());
    }

    /**
     * Runs {@code action} for an OWNER of the signed-in tenant; STAFF get the 403 page saying staff may only look,
     * anyone else the 403 page of another venue.
     */
    public static Mono<String> owner(
            Model model, ServerWebExchange exchange, Function<ConsolePrincipal, Mono<String>> action) {
        return member(model)
                .flatMap(principal -> principal.canManage(principal.tenantId().orElseThrow())
                        ? action.apply(principal)
                        : Mono.just(forbidden(model, exchange, "forbidden.staff")))
                .switchIfEmpty(Mono.fromSupplier(() -> forbidden(model, exchange, null)));
    }

    /** The 403 page; {@code reason} is a message key (null: the default, another venue's page). */
    public static String forbidden(Model model, ServerWebExchange exchange, String reason) {
        exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
        model.addAttribute("forbiddenReason", reason);
        return "forbidden";
    }

    /** The 404 page; {@code reason} is a message key naming what was not found. */
    public static String notFound(Model model, ServerWebExchange exchange, String reason) {
        exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
        model.addAttribute("notFoundReason", reason);
        return "not-found";
    }

    /**
     * The venue's time zone from the registry (the console's authority for tenants, current the moment an owner
     * saves it); UTC for a tenant without one.
     */
    public Mono<String> timeZone(String tenantId) {
        return db.sql("SELECT settings->>'timeZone' AS zone FROM tenant WHERE id = $1")
                .bind(0, tenantId)
                .map(row -> Optional.ofNullable(row.get("zone", String.class)))
                .one()
                .map(zone -> zone.filter(z -> !z.isBlank()).orElse("UTC"))
                .defaultIfEmpty("UTC");
    }
}
