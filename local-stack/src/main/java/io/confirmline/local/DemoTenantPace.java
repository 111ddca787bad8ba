package io.confirmline.local;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives the demo tenant of a stack started elsewhere (deploy/docker-compose.host.yml imports it with the production
 * defaults: three attempts, ten minutes apart) the demo's pace, as {@code ./run-local} has it, through the console's
 * admin API: two attempts, the second 15 s after the first, so the demo's retries (no answer, busy, nothing
 * pressed) and the texts after them come within its five minutes. A tenant already at that pace is left as it is.
 */
final class DemoTenantPace {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConsoleAdminCalls admin = new ConsoleAdminCalls();
    private final String tenantUrl;
    private final int maxAttempts;
    private final Duration retryDelay;

    DemoTenantPace(String console, int maxAttempts, Duration retryDelay) {
        this.tenantUrl = console + "/api/admin/tenants/" + LocalStack.TENANT;
        this.maxAttempts = maxAttempts;
        this.retryDelay = retryDelay;
    }

    /** Returns whether the tenant was changed (the services then have it within a few seconds, on tenants.v1). */
    boolean ensure(PrintStream out) {
        HttpResponse<String> found = admin.send(HttpRequest.newBuilder(URI.create(tenantUrl)).GET());
        if (found.statusCode() == 404) {
            return false;
        }
        ObjectNode tenant = (ObjectNode) ConsoleAdminCalls.read(found, "GET");
        Duration delay = Duration.parse(tenant.path("retryDelay").asString(retryDelay.toString()));
        int attempts = tenant.path("maxAttempts").asInt(maxAttempts);
        if (delay.equals(retryDelay) && attempts == maxAttempts) {
            return false;
        }
        // PUT replaces the non-secret settings: the tenant as read, without what the console owns, plus ours.
        for (String owned : new String[] {"id", "revision", "enabled", "secrets", "createdAt", "updatedAt"}) {
            tenant.remove(owned);
        }
        tenant.put("retryDelay", retryDelay.toString());
        tenant.put("maxAttempts", maxAttempts);
        ConsoleAdminCalls.read(admin.send(HttpRequest.newBuilder(URI.create(tenantUrl)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(tenant)))), "PUT");
        out.println("The demo tenant made " + attempts + " attempts " + delay.toSeconds() + " s apart: now " + maxAttempts
                + " attempts " + retryDelay.toSeconds() + " s apart, as in ./run-local.");
        return true;
    }
}
