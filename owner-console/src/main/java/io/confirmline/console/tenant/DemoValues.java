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
package io.confirmline.console.tenant;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The local stack's stand-ins that must never reach production: a callback URL on this machine and the demo
 * caller id. The production profile refuses them at start (in the YAML) and over the API.
 */
public final class DemoValues {

    /** The caller id of the demo tenant (application.yml's default). */
    public static final String DEMO_CALLER_ID = "+6568888888";

    private DemoValues() {}

    /** Why {@code callbackUrl} is a demo value, if it is: its host is this machine. */
    public static Optional<String> callbackUrlProblem(String callbackUrl) {
        if (callbackUrl == null) {
            return Optional.empty();
        }
        try {
            String host = URI.create(callbackUrl.trim()).getHost();
            return host != null && isLocal(host)
                    ? Optional.of("is on this machine (" + host + "); the platform cannot be reached there")
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Why {@code callerId} is a demo value, if it is. */
    public static Optional<String> callerIdProblem(String callerId) {
        return DEMO_CALLER_ID.equals(callerId == null ? null : callerId.trim())
                ? Optional.of("is the demo caller id " + DEMO_CALLER_ID)
                : Optional.empty();
    }

    /** localhost, *.localhost, a loopback or wildcard address; names other than these are not resolved. */
    static boolean isLocal(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        boolean literal = name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.startsWith("[") || name.contains(":");
        if (!literal) {
            return false;
        }
        try {
            // An IP literal is parsed, never looked up.
            InetAddress address =
                    InetAddress.getByName(name.startsWith("[") ? name.substring(1, name.length() - 1) : name);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
