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
package io.confirmline.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * What a browser keeps between requests, for the HTTP-level tests: the cookies it was given and the CSRF token of
 * the last page it read. Requests come from {@code address} (X-Forwarded-For, which the test context trusts).
 */
public final class PageSession {

    public static final String SESSION_COOKIE = "CONSOLE_SESSION";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    /** One answer: status, headers and the body as text. */
    public record Response(
            HttpStatusCode status, HttpHeaders headers, String body, EntityExchangeResult<String> result) {

        public URI location() {
            return headers.getLocation();
        }
    }

    private final WebTestClient client;
    private final String address;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public PageSession(WebTestClient client, String address) {
        this.client = client;
        this.address = address;
    }

    public String sessionId() {
        return cookies.get(SESSION_COOKIE);
    }

    /** Replaces the session cookie (to replay an old one). */
    public void useSession(String sessionId) {
        cookies.put(SESSION_COOKIE, sessionId);
    }

    public String csrf() {
        return csrf;
    }

    public Response get(String path) {
        return remember(client.get()
                .uri(path)
                .headers(this::addHeaders)
                .exchange()
                .expectBody(String.class)
                .returnResult());
    }

    /** A page read in the language a browser set to {@code acceptLanguage} asks for ({@code es-ES,es;q=0.9}). */
    public Response get(String path, String acceptLanguage) {
        return remember(client.get()
                .uri(path)
                .headers(this::addHeaders)
                .header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage)
                .exchange()
                .expectBody(String.class)
                .returnResult());
    }

    /** A form post with the CSRF token of the last page read. */
    public Response postForm(String path, Map<String, String> fields) {
        return postForm(path, fields, true);
    }

    public Response postForm(String path, Map<String, String> fields, boolean withCsrf) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        if (withCsrf && csrf != null) {
            form.add("_csrf", csrf);
        }
        return remember(client.post()
                .uri(path)
                .headers(this::addHeaders)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange()
                .expectBody(String.class)
                .returnResult());
    }

    /** A JSON request to the API with this session's cookie and, if asked, its CSRF token as X-CSRF-TOKEN. */
    public Response json(org.springframework.http.HttpMethod method, String path, Object body, boolean withCsrf) {
        WebTestClient.RequestBodySpec request = client.method(method)
                .uri(path)
                .headers(this::addHeaders)
                .headers(headers -> {
                    if (withCsrf && csrf != null) {
                        headers.set("X-CSRF-TOKEN", csrf);
                    }
                });
        WebTestClient.RequestHeadersSpec<?> ready = body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return remember(ready.exchange().expectBody(String.class).returnResult());
    }

    /** Reads the sign-in page (for its CSRF token) and posts the form. */
    public Response login(String email, String password) {
        get("/login");
        return postForm("/login", Map.of("username", email, "password", password));
    }

    private void addHeaders(HttpHeaders headers) {
        headers.set("X-Forwarded-For", address);
        if (!cookies.isEmpty()) {
            headers.set(
                    HttpHeaders.COOKIE,
                    String.join(
                            "; ",
                            cookies.entrySet().stream()
                                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                                    .toList()));
        }
    }

    private Response remember(EntityExchangeResult<String> result) {
        for (Map.Entry<String, java.util.List<ResponseCookie>> entry :
                result.getResponseCookies().entrySet()) {
            for (ResponseCookie cookie : entry.getValue()) {
                if (cookie.getMaxAge().isZero()) {
                    cookies.remove(cookie.getName());
                } else {
                    cookies.put(cookie.getName(), cookie.getValue());
                }
            }
        }
        String body = result.getResponseBody();
        if (body != null) {
            Matcher matcher = CSRF.matcher(body);
            if (matcher.find()) {
                csrf = matcher.group(1);
            }
        }
        return new Response(result.getStatus(), result.getResponseHeaders(), body == null ? "" : body, result);
    }
}
