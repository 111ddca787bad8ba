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
