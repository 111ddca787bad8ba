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

import io.confirmline.web.ProblemException.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a request, one message per field (the first found: a field that could not be read is not
 * also reported by the checks that follow), in the order found.
 */
public final class Problems {

    private final Map<String, String> byField = new LinkedHashMap<>();

    public void add(String field, String message) {
        byField.putIfAbsent(field, message);
    }

    /** Whether this field already has a problem (so later checks of it are skipped). */
    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    public List<FieldError> errors() {
        return byField.entrySet().stream()
                .map(e -> new FieldError(e.getKey(), e.getValue()))
                .toList();
    }

    /** {@code field: message; ...}, for a start-up failure. */
    public String summary(String prefix) {
        return String.join(
                "; ",
                byField.entrySet().stream()
                        .map(e -> prefix + e.getKey() + ": " + e.getValue())
                        .toList());
    }
}
