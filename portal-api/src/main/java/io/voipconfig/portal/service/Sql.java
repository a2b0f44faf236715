package io.voipconfig.portal.service;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.phone.PhoneDirectory;

/** Small helpers over the reactive PostgreSQL client. */
public final class Sql {

    private Sql() {
    }

    /** Arguments in order; nulls allowed. */
    public static Tuple args(Object... values) {
        return Tuple.from(Arrays.asList(values));
    }

    public static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    /** A settings map as a jsonb parameter. */
    public static JsonObject json(Map<String, String> settings) {
        JsonObject o = new JsonObject();
        if (settings != null) {
            new TreeMap<>(settings).forEach(o::put);
        }
        return o;
    }

    /** A jsonb column read as {@code column::text}, as a sorted map. */
    public static Map<String, String> settings(String json) {
        return PhoneDirectory.settings(json);
    }
}
