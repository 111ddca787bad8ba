package io.confirmline.console.live;

import io.confirmline.console.readmodel.BoardRow;
import io.confirmline.console.readmodel.LiveChange;
import io.confirmline.console.readmodel.LiveChanges;
import io.confirmline.console.readmodel.LiveProperties;
import io.confirmline.console.readmodel.ThreadLine;
import io.confirmline.console.security.ConsolePrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

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

    /** The encoded data of the latest changes: every open page gets the same event, encoded once, not once per page. */
    private static final int ENCODED_KEPT = 4096;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LiveChanges live;
    private final LiveProperties properties;
    private final Map<Long, String> encoded = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(ENCODED_KEPT, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                    return size() > ENCODED_KEPT;
                }
            });

    LiveController(LiveChanges live, LiveProperties properties) {
        this.live = live;
        this.properties = properties;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<String>>>> live(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventHeader,
            @RequestParam(name = "lastEventId", required = false) String lastEventParam) {
        return ConsolePrincipal.current()
                .flatMap(principal -> principal.tenantId()
                        .map(tenantId -> start(lastEventHeader, lastEventParam)
                                .map(from -> ResponseEntity.ok()
                                        .cacheControl(CacheControl.noStore())
                                        // Proxies that buffer responses (nginx) must pass events through at once.
                                        .header("X-Accel-Buffering", "no")
                                        .body(stream(tenantId, from))))
                        .orElseGet(() -> Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).build())))
                .switchIfEmpty(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build()));
    }

    private Flux<ServerSentEvent<String>> stream(String tenantId, long from) {
        ServerSentEvent<String> hello = ServerSentEvent.<String>builder().retry(properties.reconnect()).comment("live").build();
        Flux<ServerSentEvent<String>> changes = live.since(tenantId, from).map(this::event);
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(properties.heartbeat())
                .map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build());
        return Flux.just(hello).concatWith(Flux.merge(changes, heartbeats)).take(properties.maxStream());
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

    private ServerSentEvent<String> event(LiveChange change) {
        String data = encoded.computeIfAbsent(change.id(), id -> JSON.writeValueAsString(
                change.kind() == LiveChange.Kind.BOOKING ? booking(change) : conversation(change)));
        return ServerSentEvent.builder(data).id(Long.toString(change.id()))
                .event(change.kind() == LiveChange.Kind.BOOKING ? "booking" : "conversation").build();
    }

    private static Map<String, Object> booking(LiveChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reservationId", change.subject());
        BoardRow row = change.booking();
        if (row != null) {
            data.put("startsAt", row.startsAtMillis());
            data.put("time", row.time());
            data.put("guestName", row.guestName());
            data.put("partySize", row.partySize());
            data.put("status", row.status());
            data.put("attempt", row.attempt());
            data.put("channel", row.channel());
            data.put("lastChange", row.lastChange());
            data.put("cancelled", row.cancelled());
            data.put("ended", row.ended());
        }
        return data;
    }

    private static Map<String, Object> conversation(LiveChange change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phone", change.subject());
        ThreadLine thread = change.thread();
        if (thread != null) {
            data.put("unread", thread.unread());
            data.put("lastMessageAt", thread.lastMessageAt() == null ? null : thread.lastMessageAt().toString());
            data.put("lastBody", thread.lastBody());
            data.put("takenOver", thread.takenOverAt() != null);
            data.put("optedOut", thread.optedOut());
        }
        return data;
    }
}
