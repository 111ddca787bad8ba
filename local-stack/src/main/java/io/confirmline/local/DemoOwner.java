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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo tenant's owner, who signs in to the console with {@link #EMAIL} and {@link #PASSWORD}: made through the
 * console's own way in — the admin API invites them, the invitation link sets the password — so the local stack
 * needs no setting the console would not take from a real restaurant. Idempotent: a restarted {@code ./run-local}
 * keeps its database and with it the owner; an owner whose password no longer works (changed on the page, or an
 * invitation left open by an interrupted start) gets a new link and the demo password again.
 */
public final class DemoOwner {

    public static final String EMAIL = "owner@demo.example";
    /** A local value, never a production one (at least 12 characters, as the console asks). */
    public static final String PASSWORD = "demo-owner-password";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String console;
    private final String usersUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public DemoOwner(String console) {
        this.console = console;
        this.usersUrl = console + "/api/admin/tenants/" + LocalStack.TENANT + "/users";
    }

    /** What was done, in a few words, for the start's output; the owner can sign in afterwards. */
    public String ensure() {
        Optional<JsonNode> owner = find();
        if (owner.isEmpty()) {
            JsonNode invited =
                    call("POST", usersUrl, Map.of("email", EMAIL, "displayName", "Demo owner", "role", "OWNER"), 201);
            accept(invited);
            return "created";
        }
        if (owner.get().path("status").asString().equals("DISABLED")) {
            call(
                    "PUT",
                    usersUrl + "/" + owner.get().path("id").asString(),
                    Map.of("role", "OWNER", "disabled", false),
                    200);
        } else if (new ConsoleSignIn(console).signIn(EMAIL, PASSWORD).isPresent()) {
            return "kept";
        }
        accept(call("POST", usersUrl + "/" + owner.get().path("id").asString() + "/invitation", null, 200));
        return "password set again";
    }

    private void accept(JsonNode invitation) {
        URI link = URI.create(invitation.path("invitationUrl").asString());
        if (!new ConsoleSignIn(console).acceptInvitation(link, PASSWORD)) {
            throw new IllegalStateException(
                    "The console did not take the demo owner's password from " + link.getPath());
        }
    }

    private Optional<JsonNode> find() {
        for (JsonNode user : call("GET", usersUrl, null, 200)) {
            if (EMAIL.equalsIgnoreCase(user.path("email").asString())) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    private JsonNode call(String method, String url, Object body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + LocalStack.ADMIN_TOKEN)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
