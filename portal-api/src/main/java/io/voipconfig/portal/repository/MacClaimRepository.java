package io.voipconfig.portal.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.model.MacClaim;
import io.voipconfig.portal.service.PageRequest;

/**
 * Claims on MACs another partner's organization holds. Recorded on the reactive SQL client outside the refused
 * request's transaction: the request fails (409) and rolls back, the claim stays for the operator.
 */
@ApplicationScoped
public class MacClaimRepository {

    private static final String COLUMNS = "c.id, c.mac, c.claimant_org_id, co.slug AS claimant_slug,"
            + " c.holder_org_id, ho.slug AS holder_slug, c.claimed_at, c.resolved_at, c.resolution, c.resolved_by";
    private static final String FROM = " FROM mac_claim c JOIN organization co ON co.id = c.claimant_org_id"
            + " LEFT JOIN organization ho ON ho.id = c.holder_org_id";

    private final Pool pool;

    public MacClaimRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records an open claim, once per MAC and claimant (asking again changes nothing). */
    public Uni<Void> record(MacAddress mac, UUID claimant, UUID holder) {
        return pool.preparedQuery("INSERT INTO mac_claim (mac, claimant_org_id, holder_org_id) VALUES ($1, $2, $3)"
                + " ON CONFLICT (mac, claimant_org_id) WHERE resolved_at IS NULL DO NOTHING")
                .execute(Sql.args(mac.value(), claimant, holder)).replaceWithVoid();
    }

    public Uni<Long> countOpen() {
        return pool.query("SELECT count(*) FROM mac_claim WHERE resolved_at IS NULL").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Open claims, oldest first. */
    public Uni<List<MacClaim>> open(PageRequest page) {
        return pool.query("SELECT " + COLUMNS + FROM + " WHERE c.resolved_at IS NULL" + page.sql()).execute()
                .map(rows -> {
                    List<MacClaim> out = new ArrayList<>();
                    rows.forEach(r -> out.add(claim(r)));
                    return out;
                });
    }

    public Uni<Optional<MacClaim>> find(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + FROM + " WHERE c.id = $1").execute(Sql.args(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(claim(rows.iterator().next()))
                        : Optional.empty());
    }

    /** Marks an open claim resolved; false when it was not open (resolved meanwhile). */
    public Uni<Boolean> resolve(long id, String resolution, String by) {
        return pool.preparedQuery("UPDATE mac_claim SET resolved_at = now(), resolution = $2, resolved_by = $3"
                + " WHERE id = $1 AND resolved_at IS NULL").execute(Sql.args(id, resolution, by))
                .map(rows -> rows.rowCount() == 1);
    }

    private static MacClaim claim(Row r) {
        return new MacClaim(r.getLong("id"), r.getString("mac"), r.getUUID("claimant_org_id"),
                r.getString("claimant_slug"), r.getUUID("holder_org_id"), r.getString("holder_slug"),
                r.getOffsetDateTime("claimed_at"), r.getOffsetDateTime("resolved_at"), r.getString("resolution"),
                r.getString("resolved_by"));
    }

}
