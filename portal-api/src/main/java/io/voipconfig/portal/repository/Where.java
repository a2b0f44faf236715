package io.voipconfig.portal.repository;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** A {@code WHERE} clause of optional filters for the reactive SQL client, its arguments numbered as they are added. */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    /** {@code column =}, {@code column >=}, …: compared with {@code value}. */
    public Where and(String columnAndOperator, Object value) {
        args.add(value);
        conditions.add(columnAndOperator + " $" + args.size());
        return this;
    }

    /** Empty without conditions, else {@code " WHERE a = $1 AND b >= $2"}. */
    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Tuple args() {
        return Tuple.from(args);
    }
}
