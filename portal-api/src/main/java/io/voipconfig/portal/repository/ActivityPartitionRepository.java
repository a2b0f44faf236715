package io.voipconfig.portal.repository;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The daily partitions of {@code provisioning_activity} (V14): {@code provisioning_activity_pYYYYMMDD} holds the
 * events of one UTC day. A day is created as a plain table and then attached, which locks the parent only against
 * other schema changes (a {@code PARTITION OF} would lock out ingest and reads); a day is removed by
 * {@code DETACH ... CONCURRENTLY}, which waits for the queries using it instead of blocking new ones, and then dropped.
 */
@ApplicationScoped
public class ActivityPartitionRepository {

    /** {@code pg_advisory_xact_lock} key serializing partition creation across replicas: "voipconfig activity". */
    public static final long CREATE_LOCK_KEY = 0x766f_6970_6163_7476L;
    /** {@code pg_try_advisory_lock} key of the maintenance run: one replica at a time. */
    public static final long MAINTENANCE_LOCK_KEY = 0x766f_6970_6163_746dL;
    private static final String PREFIX = "provisioning_activity_p";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Pool pool;

    public ActivityPartitionRepository(Pool pool) {
        this.pool = pool;
    }

    /** A day's partition as the catalog has it. */
    public record Partition(LocalDate day, boolean attached, boolean detachPending) {

        public String table() {
            return name(day);
        }
    }

    public static String name(LocalDate day) {
        return PREFIX + DAY.format(day);
    }

    /** Every day's table: attached, being detached, or left detached by an interrupted run. */
    public Uni<List<Partition>> list() {
        return list(pool);
    }

    private static Uni<List<Partition>> list(SqlClient client) {
        return client.preparedQuery("SELECT c.relname, i.inhrelid IS NOT NULL AS attached,"
                + " coalesce(i.inhdetachpending, false) AS pending FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()"
                + " LEFT JOIN pg_inherits i ON i.inhrelid = c.oid"
                + " AND i.inhparent = 'provisioning_activity'::regclass"
                + " WHERE c.relkind = 'r' AND c.relname ~ '^provisioning_activity_p[0-9]{8}$' ORDER BY c.relname")
                .execute().map(rows -> {
                    List<Partition> partitions = new ArrayList<>();
                    rows.forEach(r -> partitions.add(new Partition(
                            LocalDate.parse(r.getString("relname").substring(PREFIX.length()), DAY),
                            r.getBoolean("attached"), r.getBoolean("pending"))));
                    return partitions;
                });
    }

    /**
     * Creates and attaches the partitions of {@code days} that are not attached yet (one replica at a time; a table
     * left detached for one of these days is attached again with its rows).
     */
    public Uni<Void> create(List<LocalDate> days) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(Tuple.of(CREATE_LOCK_KEY))
                .flatMap(locked -> list(tx))
                .flatMap(existing -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (LocalDate day : days) {
                        if (existing.stream().anyMatch(p -> p.day().equals(day) && p.attached())) {
                            continue;
                        }
                        chain = chain.flatMap(v -> attach(tx, day));
                    }
                    return chain;
                }));
    }

    private static Uni<Void> attach(SqlConnection tx, LocalDate day) {
        String table = name(day);
        return tx.query("CREATE TABLE IF NOT EXISTS " + table
                + " (LIKE provisioning_activity INCLUDING DEFAULTS INCLUDING CONSTRAINTS)").execute()
                .flatMap(v -> tx.query("ALTER TABLE provisioning_activity ATTACH PARTITION " + table
                        + " FOR VALUES FROM ('" + start(day) + "') TO ('" + start(day.plusDays(1)) + "')").execute())
                .replaceWithVoid();
    }

    private static String start(LocalDate day) {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(day) + " 00:00:00+00";
    }

    /**
     * Runs {@code work} on one connection while holding the maintenance lock, or answers false without running it
     * when another replica holds it.
     */
    public Uni<Boolean> underMaintenanceLock(Function<SqlConnection, Uni<Void>> work) {
        return pool.withConnection(conn -> conn.preparedQuery("SELECT pg_try_advisory_lock($1)")
                .execute(Tuple.of(MAINTENANCE_LOCK_KEY))
                .flatMap(rows -> {
                    if (!rows.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(false);
                    }
                    return work.apply(conn)
                            .eventually(() -> conn.preparedQuery("SELECT pg_advisory_unlock($1)")
                                    .execute(Tuple.of(MAINTENANCE_LOCK_KEY)))
                            .replaceWith(true);
                }));
    }

    /**
     * Removes a day's partition and its rows: detached concurrently (new queries no longer see it; the statement
     * waits for those that do), finalized when an earlier run was interrupted half way, then dropped.
     */
    public Uni<Void> drop(SqlConnection conn, Partition partition) {
        String table = partition.table();
        Uni<Void> detached;
        if (!partition.attached()) {
            detached = Uni.createFrom().voidItem();
        } else if (partition.detachPending()) {
            detached = conn.query("ALTER TABLE provisioning_activity DETACH PARTITION " + table + " FINALIZE")
                    .execute().replaceWithVoid();
        } else {
            detached = conn.query("ALTER TABLE provisioning_activity DETACH PARTITION " + table + " CONCURRENTLY")
                    .execute().replaceWithVoid();
        }
        return detached.flatMap(v -> conn.query("DROP TABLE IF EXISTS " + table).execute()).replaceWithVoid();
    }
}
