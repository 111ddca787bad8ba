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
package io.confirmline.tenant;

import java.util.Objects;

/**
 * A secret a service uses in clear (an 8x8 API key, a signing secret), with the non-secret id it is listed and
 * removed by. Never printed.
 */
public record NamedSecret(String id, String value) {

    public NamedSecret {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "NamedSecret[id=" + id + ", value=***]";
    }
}
