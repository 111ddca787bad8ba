package io.confirmline.console.readmodel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Binding optional values to the projections' statements (R2DBC needs the type of a null). */
final class Binds {

    private Binds() {
    }

    static <T> GenericExecuteSpec bind(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static GenericExecuteSpec time(GenericExecuteSpec spec, String name, Instant value) {
        return bind(spec, name, value == null ? null : value.atOffset(ZoneOffset.UTC), OffsetDateTime.class);
    }
}
