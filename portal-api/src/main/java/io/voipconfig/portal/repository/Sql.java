package io.voipconfig.portal.repository;

import java.util.Arrays;

import io.vertx.mutiny.sqlclient.Tuple;

/** Small helpers over the reactive PostgreSQL client. */
final class Sql {

    private Sql() {
    }

    /** Arguments in order; nulls allowed. */
    static Tuple args(Object... values) {
        return Tuple.from(Arrays.asList(values));
    }
}
