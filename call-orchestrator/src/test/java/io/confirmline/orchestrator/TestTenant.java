package io.confirmline.orchestrator;

/** The secrets of the tenant the orchestrator's tests configure. */
public final class TestTenant {

    /** The platform's Bearer key for {@code /api/**}. */
    public static final String PLATFORM_KEY = "luigis-platform-key-0123456789";

    private TestTenant() {
    }
}
