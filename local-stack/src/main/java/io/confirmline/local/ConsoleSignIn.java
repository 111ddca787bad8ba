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
package io.confirmline.local;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a person does with the console's pages, over plain HTTP with a cookie jar: opens a form (which gives the
 * session and its CSRF token) and posts it. Used to set the demo owner's password from an invitation link and to
 * sign in for the console's session cookie, which the tests and the board benchmark send with their requests.
 */
public final class ConsoleSignIn {

    /** The console's session cookie (owner-console SecurityConfiguration). */
    public static final String SESSION_COOKIE = "CONSOLE_SESSION";

    private static final Pattern CSRF_FIELD = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    private final String console;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public ConsoleSignIn(String console) {
        this.console = console;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Signs in; the session cookie's value, or empty when the console refused the email and password. */
    public Optional<String> signIn(String email, String password) {
        HttpResponse<String> answer = postForm("/login", Map.of("username", email, "password", password));
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() / 100 != 3 || location.contains("/login")) {
            return Optional.empty();
        }
        return cookies.getCookieStore().get(URI.create(console)).stream()
                .filter(cookie -> cookie.getName().equals(SESSION_COOKIE))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Sets the password through a one-time invitation link; false when the console did not take it. */
    public boolean acceptInvitation(URI link, String password) {
        String path = link.getRawPath();
        HttpResponse<String> answer = postForm(path, Map.of("password", password, "confirmation", password));
        return answer.statusCode() / 100 == 3
                && answer.headers().firstValue("Location").orElse("").contains("activated");
    }

    /** Opens the page of the form (for the session and its CSRF token), then posts the fields with the token. */
    private HttpResponse<String> postForm(String path, Map<String, String> fields) {
        HttpResponse<String> page =
                send(HttpRequest.newBuilder(URI.create(console + path)).GET());
        if (page.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + page.statusCode());
        }
        Matcher field = CSRF_FIELD.matcher(page.body());
        Matcher token = field.find() ? VALUE.matcher(field.group()) : null;
        if (token == null || !token.find()) {
            throw new IllegalStateException("GET " + path + " has no CSRF field");
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", token.group(1));
        String body = form.entrySet().stream()
                .map(e -> encoded(e.getKey()) + "=" + encoded(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(console + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
