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
package io.confirmline.console.readmodel;

import io.confirmline.tenant.TenantDirectoryProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The topics the read model follows and the consumer group of each. The tenant topic is the one the console
 * publishes to ({@code confirmline.tenant-directory.topic}, tenants.v1 unless a test names its own).
 */
@Component("readModelTopics")
public class ReadModelTopics {

    private final String tenants;

    ReadModelTopics(TenantDirectoryProperties directory) {
        this.tenants = directory.topic();
    }

    public String tenants() {
        return tenants;
    }

    /** Consumer group by topic. */
    public Map<String, String> groups() {
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put(io.confirmline.events.Topics.BOOKINGS.name(), ReadModelListeners.GROUP_PREFIX + "bookings.v1");
        groups.put(
                io.confirmline.events.Topics.CALL_STATUS.name(), ReadModelListeners.GROUP_PREFIX + "calls.status.v1");
        groups.put(
                io.confirmline.events.Topics.CONVERSATIONS.name(),
                ReadModelListeners.GROUP_PREFIX + "conversations.v1");
        groups.put(tenants, ReadModelListeners.GROUP_PREFIX + "tenants.v1");
        groups.put(
                io.confirmline.events.Topics.SMS_RECEIPTS.name(), ReadModelListeners.GROUP_PREFIX + "sms.receipts.v1");
        return groups;
    }
}
