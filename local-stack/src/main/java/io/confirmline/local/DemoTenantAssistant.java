package io.confirmline.local;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives the demo tenant of a database kept from before the assistant (issue #17) its assistant settings — on, the
 * demo's short owner's window, the venue's address and FAQ, the platform sandbox's availability endpoint — through
 * the console's admin API, as {@link DemoTenantCallBacks} does for call-backs: the console imports its configured
 * tenant only when its database does not have it yet. A tenant with any assistant setting is left as it is (an
 * owner who switched the assistant off in /settings keeps it off; the demo then says what is missing).
 */
final class DemoTenantAssistant {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConsoleAdminCalls admin = new ConsoleAdminCalls();
    private final String tenantUrl;
    private final String availabilityUrl;

    DemoTenantAssistant(String console, String availabilityUrl) {
        this.tenantUrl = console + "/api/admin/tenants/" + LocalStack.TENANT;
        this.availabilityUrl = availabilityUrl;
    }

    /** Returns whether the tenant was changed (the services then have it within a few seconds, on tenants.v1). */
    boolean ensure(PrintStream out) {
        HttpResponse<String> found = admin.send(HttpRequest.newBuilder(URI.create(tenantUrl)).GET());
        if (found.statusCode() == 404) {
            return false;
        }
        ObjectNode tenant = (ObjectNode) ConsoleAdminCalls.read(found, "GET");
        if (tenant.path("assistantEnabled").asBoolean(false) || tenant.hasNonNull("availabilityUrl")
                || tenant.hasNonNull("venueAddress") || tenant.hasNonNull("assistantFaq")) {
            return false;
        }
        // PUT replaces the non-secret settings: the tenant as read, without what the console owns, plus ours.
        for (String owned : new String[] {"id", "revision", "enabled", "secrets", "createdAt", "updatedAt"}) {
            tenant.remove(owned);
        }
        tenant.put("assistantEnabled", true);
        tenant.put("humanWindow", LocalStack.HUMAN_WINDOW.toString());
        tenant.put("venueAddress", LocalStack.VENUE_ADDRESS);
        tenant.put("assistantFaq", LocalStack.ASSISTANT_FAQ);
        tenant.put("availabilityUrl", availabilityUrl);
        ConsoleAdminCalls.read(admin.send(HttpRequest.newBuilder(URI.create(tenantUrl)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(tenant)))), "PUT");
        out.println("The demo tenant in this database predates the assistant: switched it on (owner's window "
                + LocalStack.HUMAN_WINDOW.toSeconds() + " s, availability " + availabilityUrl + ").");
        return true;
    }
}
