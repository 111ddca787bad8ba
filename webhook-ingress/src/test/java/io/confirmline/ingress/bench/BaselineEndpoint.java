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
