package io.voipconfig.portal.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.portal.model.AuditEntry;
import io.voipconfig.portal.service.PageRequest;

/** The audit trail ({@code audit_entry}) on the reactive SQL client: entries are written outside the write's session. */
@ApplicationScoped
public class AuditRepository {

    private static final String COLUMNS = "id, at, subject, username, role, partner_id, organization_id,"
            + " organization_slug, action, operation, resource, fields, status, client_ip";

    /** What an entry names of an organization, read before the write (which may delete it). */
    public record OrganizationRef(UUID id, UUID partnerId, String slug) {
    }

    private final Pool pool;

    public AuditRepository(Pool pool) {
        this.pool = pool;
    }

    /** The organization a path names by id or slug, whoever may see it. */
    public Uni<Optional<OrganizationRef>> organization(String ref) {
        Optional<UUID> id = Refs.uuid(ref);
        return pool.preparedQuery("SELECT id, partner_id, slug FROM organization WHERE "
                + (id.isPresent() ? "id = $1" : "slug = $1"))
                .execute(Tuple.of(id.isPresent() ? id.get() : ref)).map(rows -> rows.iterator().hasNext()
                        ? Optional.of(organizationRef(rows.iterator().next()))
                        : Optional.empty());
    }

    /** The partner a path names by id or slug. */
    public Uni<Optional<UUID>> partner(String ref) {
        Optional<UUID> id = Refs.uuid(ref);
        return pool.preparedQuery("SELECT id FROM partner WHERE " + (id.isPresent() ? "id = $1" : "slug = $1"))
                .execute(Tuple.of(id.isPresent() ? id.get() : ref))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getUUID(0))
                        : Optional.empty());
    }

    /** Stores {@code e} and, in the same transaction, deletes the entries from before {@code keepFrom}. */
    public Uni<Void> insert(AuditEntry e, OffsetDateTime keepFrom) {
        Tuple args = Tuple.from(Arrays.asList(e.subject(), e.username(), e.role(), e.partnerId(), e.organizationId(),
                e.organizationSlug(), e.action(), e.operation(), e.resource(), e.fields().toArray(String[]::new),
                (short) e.status(), e.clientIp()));
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO audit_entry (subject, username, role,"
                + " partner_id, organization_id, organization_slug, action, operation, resource, fields, status,"
                + " client_ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)").execute(args)
                .flatMap(v -> tx.preparedQuery("DELETE FROM audit_entry WHERE at < $1").execute(Tuple.of(keepFrom))))
                .replaceWithVoid();
    }

    public Uni<Long> count(Where where) {
        return pool.preparedQuery("SELECT count(*) FROM audit_entry" + where.sql()).execute(where.args())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<AuditEntry>> page(Where where, PageRequest page) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_entry" + where.sql() + page.sql())
                .execute(where.args()).map(rows -> {
                    List<AuditEntry> items = new ArrayList<>();
                    rows.forEach(r -> items.add(entry(r)));
                    return items;
                });
    }

    private static OrganizationRef organizationRef(Row r) {
        return new OrganizationRef(r.getUUID("id"), r.getUUID("partner_id"), r.getString("slug"));
    }

    private static AuditEntry entry(Row r) {
        return new AuditEntry(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("subject"),
                r.getString("username"), r.getString("role"), r.getUUID("partner_id"), r.getUUID("organization_id"),
                r.getString("organization_slug"), r.getString("action"), r.getString("operation"),
                r.getString("resource"), List.of(r.getArrayOfStrings("fields")), r.getInteger("status"),
                r.getString("client_ip"));
    }
}
