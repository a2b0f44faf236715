package io.voipconfig.portal.service;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.event.OrganizationState;
import io.voipconfig.common.render.YealinkEncryption;
import io.voipconfig.portal.config.PortalConfig;
import io.voipconfig.portal.rest.ApiException;
import io.voipconfig.portal.rest.dto.OrganizationDto.Encryption;
import io.voipconfig.portal.rest.dto.OrganizationDto.Input;
import io.voipconfig.portal.rest.dto.OrganizationDto.Organization;
import io.voipconfig.portal.rest.dto.OrganizationDto.Provisioning;
import io.voipconfig.portal.security.Caller;

/** Organizations: who may see which, validation, and every write with its event in one transaction. */
@ApplicationScoped
public class OrganizationService {

    static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final List<String> AUTH_MODES = List.of("DIGEST", "BASIC", "BOTH");
    private static final String COLUMNS = "id, slug, name, provisioning_username, provisioning_password_enc,"
            + " auth_mode, encryption_enabled, encryption_key_enc, ca_certificate, settings::text AS settings,"
            + " version, created_at, updated_at";

    /** The stored row. */
    public record OrgRow(
            UUID id,
            String slug,
            String name,
            String username,
            String passwordEnc,
            String authMode,
            boolean encryptionEnabled,
            String encryptionKeyEnc,
            String caCertificate,
            Map<String, String> settings,
            long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        static OrgRow of(Row r) {
            return new OrgRow(r.getUUID("id"), r.getString("slug"), r.getString("name"),
                    r.getString("provisioning_username"), r.getString("provisioning_password_enc"),
                    r.getString("auth_mode"), r.getBoolean("encryption_enabled"), r.getString("encryption_key_enc"),
                    r.getString("ca_certificate"), Sql.settings(r.getString("settings")), r.getLong("version"),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
        }

        public OrganizationState state() {
            return new OrganizationState(id.toString(), slug, name, username, passwordEnc, authMode,
                    encryptionEnabled);
        }
    }

    private final Pool pool;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final PortalConfig config;

    public OrganizationService(Pool pool, SecretCipher cipher, Outbox outbox, PortalConfig config) {
        this.pool = pool;
        this.cipher = cipher;
        this.outbox = outbox;
        this.config = config;
    }

    public Organization toDto(OrgRow o) {
        String url = config.urls().provisioning().replaceAll("/+$", "") + "/o/" + o.slug() + "/";
        return new Organization(o.id(), o.slug(), o.name(),
                new Provisioning(o.username(), o.passwordEnc() != null, o.authMode(), url),
                new Encryption(o.encryptionEnabled()), o.settings(), o.caCertificate(), o.version(), o.createdAt(),
                o.updatedAt());
    }

    /**
     * The organization named by id or slug, if the caller may see it; otherwise 404, exactly as for one that does
     * not exist. {@code forUpdate} locks the row for the rest of the transaction.
     */
    public Uni<OrgRow> visible(SqlClient client, Caller caller, String idOrSlug, boolean forUpdate) {
        Optional<UUID> id = parseUuid(idOrSlug);
        String sql = "SELECT " + COLUMNS + " FROM organization WHERE " + (id.isPresent() ? "id = $1" : "slug = $1")
                + (forUpdate ? " FOR UPDATE" : "");
        return client.preparedQuery(sql).execute(Sql.args(id.isPresent() ? id.get() : idOrSlug))
                .map(rows -> Sql.first(rows).map(OrgRow::of)
                        .filter(o -> caller.canSee(o.id()))
                        .orElseThrow(() -> ApiException.notFound("no organization '" + idOrSlug + "'")));
    }

    public Uni<OrgRow> visible(Caller caller, String idOrSlug) {
        return visible(pool, caller, idOrSlug, false);
    }

    public Uni<Page<Organization>> list(Caller caller, PageRequest page, String q) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (!caller.isPlatformAdmin()) {
            args.add(caller.organizationId().orElse(new UUID(0, 0)));
            where.append(" AND id = $").append(args.size());
        }
        if (q != null && !q.isBlank()) {
            args.add("%" + q.strip().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" AND (lower(name) LIKE $").append(args.size()).append(" OR slug LIKE $")
                    .append(args.size()).append(")");
        }
        return pool.preparedQuery("SELECT count(*) FROM organization" + where).execute(Sql.args(args.toArray()))
                .flatMap(count -> pool.preparedQuery("SELECT " + COLUMNS + " FROM organization" + where + page.sql())
                        .execute(Sql.args(args.toArray()))
                        .map(rows -> {
                            List<Organization> items = new ArrayList<>();
                            rows.forEach(r -> items.add(toDto(OrgRow.of(r))));
                            return Page.of(items, page, count.iterator().next().getLong(0));
                        }));
    }

    public Uni<OrgRow> create(Input in) {
        Errors errors = validate(in, true);
        errors.throwIfAny();
        UUID id = in.id() != null ? in.id() : UUID.randomUUID();
        boolean encrypted = in.encryption() != null && Boolean.TRUE.equals(in.encryption().enabled());
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO organization (id, slug, name,"
                + " provisioning_username, provisioning_password_enc, auth_mode, encryption_enabled,"
                + " encryption_key_enc, ca_certificate, settings) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
                + " ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
                .execute(Sql.args(id, in.slug(), in.name().strip(), in.provisioning().username(),
                        cipher.encrypt(in.provisioning().password(), SecretContexts.provisioningPassword(id)),
                        authMode(in), encrypted,
                        encrypted ? cipher.encrypt(YealinkEncryption.newKey(), SecretContexts.encryptionKey(id)) : null,
                        blankToNull(in.caCertificate()), Sql.json(in.settings())))
                .flatMap(rows -> {
                    OrgRow created = Sql.first(rows).map(OrgRow::of).orElseThrow(() -> ApiException.conflict(
                            "an organization with this id or slug already exists"));
                    return outbox.append(tx, EventType.ORGANIZATION_CREATED, id.toString(), id, created.version(),
                            created.state()).replaceWith(created);
                }))
                .invoke(outbox::committed);
    }

    public Uni<OrgRow> update(Caller caller, String idOrSlug, String ifMatch, Input in) {
        Errors errors = validate(in, false);
        errors.throwIfAny();
        return pool.withTransaction(tx -> visible(tx, caller, idOrSlug, true).flatMap(current -> {
            Versions.check(ifMatch, current.version());
            if (in.id() != null && !in.id().equals(current.id())) {
                throw ApiException.invalid("id", "does not match the organization being updated");
            }
            UUID id = current.id();
            String password = in.provisioning().password() == null || in.provisioning().password().isEmpty()
                    ? current.passwordEnc()
                    : cipher.encrypt(in.provisioning().password(), SecretContexts.provisioningPassword(id));
            boolean encrypted = in.encryption() != null && in.encryption().enabled() != null
                    ? in.encryption().enabled()
                    : current.encryptionEnabled();
            String key = current.encryptionKeyEnc() == null && encrypted
                    ? cipher.encrypt(YealinkEncryption.newKey(), SecretContexts.encryptionKey(id))
                    : current.encryptionKeyEnc();
            return tx.preparedQuery("UPDATE organization SET slug = $2, name = $3, provisioning_username = $4,"
                    + " provisioning_password_enc = $5, auth_mode = $6, encryption_enabled = $7,"
                    + " encryption_key_enc = $8, ca_certificate = $9, settings = $10, version = nextval('aggregate_version_seq'),"
                    + " updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                    .execute(Sql.args(id, in.slug(), in.name().strip(), in.provisioning().username(), password,
                            authMode(in), encrypted, key, blankToNull(in.caCertificate()), Sql.json(in.settings())))
                    .flatMap(rows -> {
                        OrgRow updated = OrgRow.of(rows.iterator().next());
                        return outbox.append(tx, EventType.ORGANIZATION_UPDATED, id.toString(), id,
                                updated.version(), updated.state()).replaceWith(updated);
                    });
        })).invoke(outbox::committed);
    }

    /** Deletes the organization with everything it owns; a device.deleted event per device, then its own. */
    public Uni<Void> delete(Caller caller, String idOrSlug, String ifMatch) {
        return pool.withTransaction(tx -> visible(tx, caller, idOrSlug, true).flatMap(current -> {
            Versions.check(ifMatch, current.version());
            UUID id = current.id();
            // One version per device from the platform-wide sequence, drawn in the same statement that locks the
            // devices, and the events in one batch: an organization with 100,000 devices is a few round trips.
            return tx.preparedQuery("SELECT mac, nextval('aggregate_version_seq') FROM (SELECT mac FROM device"
                    + " WHERE organization_id = $1 ORDER BY mac FOR UPDATE) d").execute(Sql.args(id))
                    .flatMap(devices -> {
                        List<DomainEvent> events = new ArrayList<>();
                        for (Row d : devices) {
                            events.add(Outbox.event(EventType.DEVICE_DELETED, d.getString(0).strip(), id,
                                    d.getLong(1), null));
                        }
                        return outbox.appendAll(tx, events);
                    })
                    .flatMap(v -> tx.preparedQuery("DELETE FROM organization WHERE id = $1").execute(Sql.args(id)))
                    .flatMap(v -> outbox.appendDeletion(tx, EventType.ORGANIZATION_DELETED, id.toString(), id))
                    .replaceWithVoid();
        })).invoke(outbox::committed);
    }

    Errors validate(Input in, boolean create) {
        Errors e = new Errors();
        if (in == null) {
            return e.add("", "a JSON body is required");
        }
        if (in.slug() == null || !SLUG.matcher(in.slug()).matches()) {
            e.add("slug", "1 to 63 lower-case letters, digits or '-', not starting or ending with '-'");
        }
        e.text("name", in.name(), 200, true);
        if (in.provisioning() == null) {
            e.add("provisioning", "is required");
        } else {
            var p = in.provisioning();
            if (p.username() == null || !USERNAME.matcher(p.username()).matches()) {
                e.add("provisioning.username", "1 to 64 letters, digits or . _ @ -");
            }
            if (p.password() == null || p.password().isEmpty()) {
                if (create) {
                    e.add("provisioning.password", "is required");
                }
            } else if (p.password().length() < 8 || p.password().length() > 128) {
                e.add("provisioning.password", "must be 8 to 128 characters");
            } else if (!p.password().chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
                e.add("provisioning.password", "printable ASCII without spaces only (phones send it in headers)");
            }
            if (p.authMode() != null && !AUTH_MODES.contains(p.authMode())) {
                e.add("provisioning.authMode", "one of " + String.join(", ", AUTH_MODES));
            }
        }
        e.settings("settings", in.settings());
        if (in.caCertificate() != null && !in.caCertificate().isBlank()) {
            if (in.caCertificate().length() > 20_000) {
                e.add("caCertificate", "at most 20000 characters");
            } else {
                try {
                    CertificateFactory.getInstance("X.509").generateCertificate(
                            new ByteArrayInputStream(in.caCertificate().getBytes(StandardCharsets.US_ASCII)));
                } catch (CertificateException | RuntimeException ex) {
                    e.add("caCertificate", "not a PEM X.509 certificate");
                }
            }
        }
        return e;
    }

    private static String authMode(Input in) {
        return in.provisioning().authMode() == null ? "DIGEST" : in.provisioning().authMode();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public static Optional<UUID> parseUuid(String s) {
        if (s == null || s.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Pool pool() {
        return pool;
    }

    /** Used by other services to lock-free check a connection's visibility. */
    public Uni<OrgRow> visible(SqlConnection tx, Caller caller, String idOrSlug) {
        return visible(tx, caller, idOrSlug, false);
    }
}
