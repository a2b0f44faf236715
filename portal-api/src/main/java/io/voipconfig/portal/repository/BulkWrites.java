package io.voipconfig.portal.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.portal.model.Device;
import io.voipconfig.portal.model.DeviceAccount;
import io.voipconfig.portal.model.PhonebookLink;

/**
 * The writes that touch thousands of rows at once — a CSV import of devices, an organization's deletion with an
 * event per device — on the reactive SQL client, one batched statement per table. Hibernate would write each
 * identity-keyed or collection row as its own statement.
 */
@ApplicationScoped
public class BulkWrites {

    /** A device of a deleted organization with the version of its deletion. */
    public record DeletedDevice(String mac, long version) {
    }

    /** Locks the organization; its version, or empty when it no longer exists. */
    public Uni<Optional<Long>> lockOrganization(SqlConnection tx, UUID id) {
        return tx.preparedQuery("SELECT version FROM organization WHERE id = $1 FOR UPDATE").execute(Sql.args(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rows.iterator().next().getLong(0))
                        : Optional.empty());
    }

    /**
     * Deletes the organization with everything it owns (the schema cascades) and returns its devices, each with a
     * version drawn from the platform-wide sequence in the same statement that locks it.
     */
    public Uni<List<DeletedDevice>> deleteOrganization(SqlConnection tx, UUID id) {
        return tx.preparedQuery("SELECT mac, nextval('aggregate_version_seq') FROM (SELECT mac FROM device"
                + " WHERE organization_id = $1 ORDER BY mac FOR UPDATE) d").execute(Sql.args(id))
                .flatMap(rows -> {
                    List<DeletedDevice> devices = new ArrayList<>();
                    rows.forEach(r -> devices.add(new DeletedDevice(r.getString(0).strip(), r.getLong(1))));
                    return tx.preparedQuery("DELETE FROM organization WHERE id = $1").execute(Sql.args(id))
                            .replaceWith(devices);
                });
    }

    /** A partner's device limit (null: none) and how many devices its organizations have. */
    /** @param holder the slug of the partner or organization limited; null with {@code max} when unlimited */
    public record DeviceQuota(String holder, Integer max, long used) {
    }

    /** Locks the organization (when it has a device limit) and counts its devices; lock it before its partner. */
    public Uni<DeviceQuota> lockOrganizationDeviceQuota(SqlConnection tx, UUID organizationId) {
        return tx.preparedQuery("SELECT slug, max_devices, (SELECT count(*) FROM device WHERE organization_id = $1)"
                + " FROM organization WHERE id = $1 AND max_devices IS NOT NULL FOR UPDATE")
                .execute(Sql.args(organizationId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return new DeviceQuota(null, null, 0);
                    }
                    var row = rows.iterator().next();
                    return new DeviceQuota(row.getString(0), row.getInteger(1), row.getLong(2));
                });
    }

    /** Locks the partner (when it has a device limit) and counts its devices. */
    public Uni<DeviceQuota> lockDeviceQuota(SqlConnection tx, UUID partnerId) {
        return tx
                .preparedQuery(
                        "SELECT slug, max_devices FROM partner WHERE id = $1 AND max_devices IS NOT NULL FOR UPDATE")
                .execute(Sql.args(partnerId)).flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(new DeviceQuota(null, null, 0));
                    }
                    String slug = rows.iterator().next().getString(0);
                    int max = rows.iterator().next().getInteger(1);
                    return tx.preparedQuery("SELECT count(*) FROM device d JOIN organization o"
                            + " ON o.id = d.organization_id WHERE o.partner_id = $1").execute(Sql.args(partnerId))
                            .map(count -> new DeviceQuota(slug, max, count.iterator().next().getLong(0)));
                });
    }

    /** {@code n} versions from the platform-wide sequence, in increasing order. */
    public Uni<List<Long>> nextVersions(SqlConnection tx, int n) {
        return tx.preparedQuery("SELECT nextval('aggregate_version_seq') FROM generate_series(1, $1)")
                .execute(Sql.args(n)).map(rows -> {
                    List<Long> versions = new ArrayList<>();
                    rows.forEach(r -> versions.add(r.getLong(0)));
                    return versions;
                });
    }

    /** Which of these MACs are registered, in any organization. */
    public Uni<Set<String>> registered(SqlConnection tx, Collection<String> macs) {
        return tx.preparedQuery("SELECT mac FROM device WHERE mac = ANY($1)")
                .execute(Sql.args((Object) macs.toArray(String[]::new))).map(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(r -> found.add(r.getString(0).strip()));
                    return found;
                });
    }

    /** Inserts new devices with their accounts and phonebook links: three batched statements. */
    public Uni<Void> insertDevices(SqlConnection tx, List<Device> devices) {
        List<Tuple> deviceRows = new ArrayList<>();
        List<Tuple> accountRows = new ArrayList<>();
        List<Tuple> bookRows = new ArrayList<>();
        for (Device d : devices) {
            deviceRows.add(Tuple.from(Arrays.asList(d.mac, d.organizationId, d.model, d.label,
                    new JsonObject(new TreeMap<String, Object>(d.settings)), d.wallpaper, d.ringtone,
                    d.version, d.createdAt, d.updatedAt)));
            for (DeviceAccount a : d.accounts) {
                accountRows.add(Tuple.from(Arrays.asList(d.mac, a.accountIndex, a.label, a.displayName,
                        a.userName, a.authName, a.passwordEnc, a.server, a.port, a.transport)));
            }
            for (PhonebookLink link : d.phonebooks) {
                bookRows.add(Sql.args(d.mac, link.phonebookId, link.position));
            }
        }
        Uni<Void> chain = tx.preparedQuery("INSERT INTO device (mac, organization_id, model, label, settings,"
                + " wallpaper, ringtone, version, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)").executeBatch(deviceRows).replaceWithVoid();
        if (!accountRows.isEmpty()) {
            chain = chain.flatMap(v -> tx.preparedQuery("INSERT INTO sip_account (device_mac, account_index, label,"
                    + " display_name, user_name, auth_name, password_enc, server, port, transport)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)").executeBatch(accountRows)
                    .replaceWithVoid());
        }
        if (!bookRows.isEmpty()) {
            chain = chain.flatMap(v -> tx.preparedQuery("INSERT INTO device_phonebook (device_mac, phonebook_id,"
                    + " position) VALUES ($1, $2, $3)").executeBatch(bookRows).replaceWithVoid());
        }
        return chain;
    }
}
