package io.voipconfig.portal.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.model.Device;

@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, String> {

    /** The device if it belongs to {@code organizationId}; {@code lock} holds the row until the commit. */
    public Uni<Device> findInOrganization(UUID organizationId, MacAddress mac, boolean lock) {
        var query = find("mac = ?1 and organizationId = ?2", mac.value(), organizationId);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query).firstResult();
    }

    /** Is the MAC registered in any organization? */
    public Uni<Boolean> exists(MacAddress mac) {
        return count("mac", mac.value()).map(n -> n > 0);
    }

    /** The devices with these MACs (accounts and phonebook links fetched for all of them at once). */
    public Uni<List<Device>> withMacs(List<String> macs) {
        return macs.isEmpty() ? Uni.createFrom().item(List.of()) : list("mac in ?1", macs);
    }

    public Uni<Long> countIn(UUID organizationId) {
        return count("organizationId", organizationId);
    }

    /** How many of the organization's devices are of {@code model} (an index range of device_organization_model_idx). */
    public Uni<Long> countOfModel(UUID organizationId, String model) {
        return count("organizationId = ?1 and model = ?2", organizationId, model);
    }

    /** The organization's first device by MAC (of {@code model} unless it is null); null when there is none. */
    public Uni<String> firstMac(UUID organizationId, String model) {
        String hql = "select mac from Device where organizationId = :org"
                + (model == null ? "" : " and model = :model") + " order by mac";
        return Panache.getSession().flatMap(s -> {
            var query = s.createSelectionQuery(hql, String.class).setParameter("org", organizationId);
            if (model != null) {
                query.setParameter("model", model);
            }
            return query.setMaxResults(1).getSingleResultOrNull();
        });
    }

    /**
     * Forgets what the phone did under its organization (presence, deliveries, the credentials it used): after a move
     * the target sees none of the source's.
     */
    public Uni<Void> forgetPhoneState(MacAddress mac) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM device_presence WHERE mac = :mac").setParameter("mac", mac.value())
                .executeUpdate()
                .flatMap(n -> session.createNativeQuery("DELETE FROM device_file_delivery WHERE mac = :mac")
                        .setParameter("mac", mac.value()).executeUpdate())
                .flatMap(n -> session.createNativeQuery("DELETE FROM device_credentials WHERE mac = :mac")
                        .setParameter("mac", mac.value()).executeUpdate()))
                .replaceWithVoid();
    }

    /** How many of the organization's devices use the media file as wallpaper or ringtone. */
    public Uni<Long> countUsingMedia(UUID organizationId, String name) {
        return count("organizationId = ?1 and (wallpaper = ?2 or ringtone = ?2)", organizationId, name);
    }

    /**
     * Deletes the device, its accounts and phonebook links (the schema cascades) in one statement of the current
     * transaction. Not {@code delete(entity)}: removing an entity with element collections, Hibernate Reactive lost
     * track of its session when requests ran concurrently (HR000069, then a transaction closed under another
     * request, which never answered; quarkusio/quarkus#41945).
     */
    public Uni<Void> deleteNow(Device device) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("DELETE FROM device WHERE mac = :mac").setParameter("mac", device.mac)
                .executeUpdate().invoke(() -> session.detach(device))).replaceWithVoid();
    }
}
