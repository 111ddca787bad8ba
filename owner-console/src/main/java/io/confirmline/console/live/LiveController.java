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
package io.confirmline.console.live;

import io.confirmline.console.readmodel.LiveChanges;
import io.confirmline.console.readmodel.LiveProperties;
import io.confirmline.console.security.ConsolePrincipal;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pages' live feed: {@code GET /live}, Server-Sent Events of the signed-in user's tenant only (any role may
 * watch). Each event is {@code id: <live_change id>}, {@code event: booking|conversation}, {@code data:} the row
 * as the page shows it. A browser that reconnects sends {@code Last-Event-ID} (or a page passes
 * {@code ?lastEventId=} on its first connection) and gets every change after it, then the live ones; without
 * either it follows from now. Heartbeat comments keep an idle stream open; the server ends each stream after
 * {@code max-stream}, and the browser reconnects after {@code retry} — the resume path is used every day.
 */
@RestController
class LiveController {

    private final LiveChanges live;
    private final LiveProperties properties;
    private final LiveFrames frames;

    LiveController(LiveChanges live, LiveProperties properties, LiveFrames frames) {
        this.live = live;
        this.properties = properties;
        this.frames = frames;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<Void> live(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventHeader,
            @RequestParam(name = "lastEventId", required = false) String lastEventParam,
            ServerHttpResponse response) {
        return ConsolePrincipal.current()
                .flatMap(principal -> principal
                        .tenantId()
                        .map(tenantId -> start(lastEventHeader, lastEventParam)
                                .flatMap(from -> stream(response, tenantId, from)))
                        .orElseGet(() -> refuse(response, HttpStatus.FORBIDDEN)))
                .switchIfEmpty(Mono.defer(() -> refuse(response, HttpStatus.UNAUTHORIZED)));
    }

    /**
     * Writes the stream as raw frames: each batch of changes (what the feed read in one go) is one buffer of shared,
     * once-encoded bytes and one flush — not one encode and flush per event per page.
     */
    private Mono<Void> stream(ServerHttpResponse response, String tenantId, long from) {
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.TEXT_EVENT_STREAM);
        headers.setCacheControl(CacheControl.noStore());
        // Proxies that buffer responses (nginx) must pass events through at once.
        headers.set("X-Accel-Buffering", "no");
        DataBufferFactory buffers = response.bufferFactory();
        Flux<byte[]> changes = live.since(tenantId, from).map(frames::of);
        // A heartbeat that finds the stream busy is not needed: drop it rather than fail the stream.
        Flux<byte[]> heartbeats =
                Flux.interval(properties.heartbeat()).onBackpressureDrop().map(tick -> frames.heartbeat());
        Flux<byte[]> body = Flux.just(frames.hello(properties.reconnect()))
                .concatWith(Flux.merge(changes, heartbeats))
                .take(properties.maxStream());
        return response.writeAndFlushWith(body.map(bytes -> Mono.just(buffers.wrap(bytes))));
    }

    private static Mono<Void> refuse(ServerHttpResponse response, HttpStatus status) {
        response.setStatusCode(status);
        return response.setComplete();
    }

    /** Where to start: the browser's Last-Event-ID, else the page's, else now. */
    private Mono<Long> start(String header, String param) {
        return parse(header).or(() -> parse(param)).map(Mono::just).orElseGet(live::latestId);
    }

    private static Optional<Long> parse(String id) {
        try {
            return id == null || id.isBlank() ? Optional.empty() : Optional.of(Math.max(0, Long.parseLong(id.strip())));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
