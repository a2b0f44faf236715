package io.voipconfig.portal.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.render.PhonebookRef;
import io.voipconfig.portal.model.DeviceStatus.Delivery;
import io.voipconfig.portal.model.DeviceStatus.Presence;

/**
 * What the activity consumer wrote about a device (presence, deliveries; read-only queries on the reactive SQL
 * client, beside the tables they read) and the phonebook names its MAC file lists.
 */
@ApplicationScoped
public class DeviceStatusRepository {

    private final Pool pool;

    public DeviceStatusRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Presence> presence(MacAddress mac) {
        return pool.preparedQuery("SELECT last_seen_at, last_ip, last_user_agent, model, firmware, last_file,"
                + " last_outcome FROM device_presence WHERE mac = $1").execute(Sql.args(mac.value()))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Presence.NEVER;
                    }
                    var r = rows.iterator().next();
                    return new Presence(r.getOffsetDateTime("last_seen_at"), r.getString("last_ip"),
                            r.getString("last_user_agent"), r.getString("model"), r.getString("firmware"),
                            r.getString("last_file"), r.getString("last_outcome"));
                });
    }

    /** By file name. */
    public Uni<List<Delivery>> deliveries(MacAddress mac) {
        return pool.preparedQuery("SELECT file, body_md5, delivered_at FROM device_file_delivery WHERE mac = $1"
                + " ORDER BY file").execute(Sql.args(mac.value())).map(rows -> {
                    List<Delivery> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Delivery(r.getString("file"), r.getString("body_md5"),
                            r.getOffsetDateTime("delivered_at"))));
                    return out;
                });
    }

    /**
     * The device's phonebooks of its organization, in the phone's order, with their names; read in the caller's
     * session, so that a dry run sees the links its write set.
     */
    public Uni<List<PhonebookRef>> phonebooks(MacAddress mac, UUID organizationId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("SELECT p.id, p.name, dp.position"
                + " FROM device_phonebook dp JOIN phonebook p ON p.id = dp.phonebook_id"
                + " WHERE dp.device_mac = ?1 AND p.organization_id = ?2 ORDER BY dp.position, p.id", Object[].class)
                .setParameter(1, mac.value()).setParameter(2, organizationId).getResultList())
                .map(rows -> rows.stream().map(r -> new PhonebookRef(((Number) r[0]).longValue(), (String) r[1],
                        ((Number) r[2]).intValue())).toList());
    }
}
