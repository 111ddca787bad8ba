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
