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

import io.confirmline.security.SecretDigest;
import java.util.Objects;

/** A secret that is only ever compared (a webhook token, a platform API key): its id and its digest. */
public record NamedDigest(String id, SecretDigest digest) {

    public NamedDigest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(digest, "digest");
    }

    public boolean matches(String presented) {
        return digest.matches(presented);
    }
}
