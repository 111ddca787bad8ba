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
package io.confirmline.ingress.session;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: until the view has read the whole session topic, VCA replies could miss live sessions. */
@Component
public class SessionViewHealthIndicator implements HealthIndicator {

    private final SessionView view;

    public SessionViewHealthIndicator(SessionView view) {
        this.view = view;
    }

    @Override
    public Health health() {
        Health.Builder builder = view.caughtUp() ? Health.up() : Health.outOfService();
        return builder.withDetail("openSessions", view.size()).build();
    }
}
