package io.voipconfig.portal.repository;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * How far a credential rotation has spread: which of an organization's devices authenticated with its current
 * credentials ({@code device_credentials}, written by the activity ingest).
 */
@ApplicationScoped
public class CredentialsProgressRepository {

    private static final String ON_CURRENT = "(c.organization_id = d.organization_id AND c.generation >= $2)";
    private static final String FROM = " FROM device d LEFT JOIN device_credentials c ON c.mac = d.mac";

    private final Pool pool;

    public CredentialsProgressRepository(Pool pool) {
        this.pool = pool;
    }

    /** A device that has not used the current credentials yet; {@code lastSeenAt} null when never seen. */
    public record Laggard(String mac, String label, OffsetDateTime lastSeenAt) {
    }

    public record Progress(long devices, long onCurrent, Optional<Laggard> lastSeenLongestAgo) {
    }

    public Uni<Progress> progress(UUID organizationId, int generation) {
        return pool.preparedQuery("SELECT count(*), count(*) FILTER (WHERE " + ON_CURRENT + ")" + FROM
                + " WHERE d.organization_id = $1")
                .execute(Sql.args(organizationId, generation))
                .flatMap(counts -> {
                    Row c = counts.iterator().next();
                    long devices = c.getLong(0);
                    long onCurrent = c.getLong(1);
                    if (devices == onCurrent) {
                        return Uni.createFrom().item(new Progress(devices, onCurrent, Optional.empty()));
                    }
                    return pool.preparedQuery("SELECT d.mac, d.label, p.last_seen_at" + FROM
                            + " LEFT JOIN device_presence p ON p.mac = d.mac WHERE d.organization_id = $1"
                            + " AND NOT coalesce(" + ON_CURRENT + ", false)"
                            + " ORDER BY p.last_seen_at NULLS FIRST, d.mac LIMIT 1")
                            .execute(Sql.args(organizationId, generation))
                            .map(rows -> {
                                Row r = rows.iterator().next();
                                return new Progress(devices, onCurrent, Optional.of(new Laggard(r.getString(0),
                                        r.getString(1), r.getOffsetDateTime(2))));
                            });
                });
    }
}
