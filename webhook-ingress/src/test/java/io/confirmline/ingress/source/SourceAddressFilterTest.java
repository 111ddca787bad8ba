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
package io.confirmline.ingress.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confirmline.web.ProblemException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class SourceAddressFilterTest {

    private final SourceAddressFilter filter = new SourceAddressFilter(new SourceAddressProperties(
            true,
            List.of("18.140.80.2", "52.220.253.234", "54.255.116.8", "52.74.232.241"),
            List.of("10.0.0.0/8"),
            List.of()));

    private static MockServerWebExchange from(String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request =
                MockServerHttpRequest.post("/webhooks/8x8/vca").remoteAddress(new InetSocketAddress(peer, 40000));
        for (String hop : forwardedFor) {
            request.header("X-Forwarded-For", hop);
        }
        return MockServerWebExchange.from(request);
    }

    @Test
    void eightByEightsAddressIsLetThroughAndOthersGet403() {
        assertThat(passes(from("18.140.80.2"))).isTrue();
        assertThat(passes(from("203.0.113.9"))).isFalse();
        assertThatThrownBy(() -> filter.filter(from("203.0.113.9"), exchange -> Mono.empty())
                        .block())
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
        assertThat(filter.caller(from("10.1.2.3", "18.140.80.2"))).contains(InetAddress.getByName("18.140.80.2"));
        assertThat(passes(from("10.1.2.3", "18.140.80.2"))).isTrue();
        assertThat(passes(from("203.0.113.9", "18.140.80.2")))
                .as("forged by an untrusted caller")
                .isFalse();
        assertThat(passes(from("10.1.2.3", "18.140.80.2, 203.0.113.9")))
                .as("right-most untrusted hop")
                .isFalse();
        assertThat(passes(from("10.1.2.3", "203.0.113.9, 18.140.80.2"))).isTrue();
    }

    @Test
    void otherPathsAndADisabledListAreNotFiltered() {
        MockServerWebExchange health = MockServerWebExchange.from(
                MockServerHttpRequest.get("/actuator/health").remoteAddress(new InetSocketAddress("203.0.113.9", 1)));
        assertThat(passes(health)).isTrue();
        SourceAddressFilter off =
                new SourceAddressFilter(new SourceAddressProperties(false, List.of(), List.of(), List.of()));
        boolean[] called = {false};
        off.filter(from("203.0.113.9"), exchange -> {
                    called[0] = true;
                    return Mono.empty();
                })
                .block();
        assertThat(called[0]).isTrue();
    }

    @Test
    void theSmsWebhooksAreHeldToTheirOwnListWhenThereIsOne() {
        MockServerWebExchange text = MockServerWebExchange.from(MockServerHttpRequest.post("/webhooks/8x8/sms/inbound")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 1)));
        assertThat(passes(text)).as("no SMS list: the token decides").isTrue();

        SourceAddressFilter withSmsList = new SourceAddressFilter(
                new SourceAddressProperties(true, List.of("18.140.80.2"), List.of(), List.of("198.51.100.0/24")));
        assertThat(passes(withSmsList, text)).isFalse();
        assertThat(passes(
                        withSmsList,
                        MockServerWebExchange.from(MockServerHttpRequest.post("/webhooks/8x8/sms/receipts")
                                .remoteAddress(new InetSocketAddress("198.51.100.7", 1)))))
                .isTrue();
        assertThat(passes(
                        withSmsList,
                        MockServerWebExchange.from(MockServerHttpRequest.post("/webhooks/8x8/sms/inbound")
                                .remoteAddress(new InetSocketAddress("18.140.80.2", 1)))))
                .as("a voice address")
                .isFalse();
    }

    private boolean passes(MockServerWebExchange exchange) {
        return passes(filter, exchange);
    }

    private static boolean passes(SourceAddressFilter filter, MockServerWebExchange exchange) {
        boolean[] called = {false};
        filter.filter(exchange, e -> {
                    called[0] = true;
                    return Mono.empty();
                })
                .onErrorComplete(ProblemException.class)
                .block();
        return called[0];
    }
}
