package io.voipconfig.common.phone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.type.TypeReference;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.voipconfig.common.cache.Weights;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.event.EventJson;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.render.UpdateSchedule;

/**
 * Organizations and devices for phone authentication, read with the service's read-only role and cached.
 *
 * <p>Concurrent misses for one key share one query (a reboot storm of one organization loads it once). Entries are
 * dropped by the change events ({@link #invalidateOrganization}, {@link #invalidateDevice}) and, as a safety net,
 * after {@code ttl}. Unknown MACs are cached too (negatively), so guessing MACs does not hammer the database.
 *
 * <p>Partners' own provisioning host names are kept apart, all of them in one entry that expires after
 * {@code partnerTtl}: partners are few and change rarely, and no event announces a partner's change, so the TTL is
 * what makes a new host name count (docs/config-service.md, "Partner host names").
 */
public final class PhoneDirectory {

    private static final String ORG_COLUMNS = "id, slug, name, partner_id, provisioning_username,"
            + " provisioning_password_enc, credentials_generation, previous_username, previous_password_enc,"
            + " previous_credentials_until, auth_mode, encryption_enabled, encryption_key_enc, ca_certificate,"
            + " settings::text, version, update_schedule::text";
    private static final int MAX_ORGS_PER_USERNAME = 20;

    private final Pool pool;
    private final SecretCipher cipher;
    private final Clock clock;
    private final AsyncCache<MacAddress, Optional<DeviceView>> devices;
    private final AsyncCache<UUID, Optional<OrgView>> orgs;
    private final AsyncCache<String, Optional<SlugTarget>> slugs;
    private final AsyncCache<String, List<UUID>> usernames;
    private final AsyncCache<String, PartnerHosts> partnerHosts;

    /**
     * Which organizations a request's host name admits: under a partner's own host name only that partner's, under
     * any other name (the installation's) every organization.
     *
     * @param partnerId the partner whose host name the request came in under; empty for any other host name
     */
    public record HostScope(Optional<UUID> partnerId) {

        public boolean admits(OrgView org) {
            return partnerId.isEmpty() || partnerId.get().equals(org.partnerId());
        }
    }

    /** The organization a slug names: its own slug (no end), or one it was renamed from, until {@code until}. */
    record SlugTarget(UUID organizationId, Instant until) {
    }

    /** Every partner's own host name, both ways. */
    record PartnerHosts(Map<String, UUID> partnerByHost, Map<UUID, String> hostByPartner) {
    }

    /**
     * @param partnerTtl how long partners' host names are kept before they are read again
     * @param maxBytes the heap all of the directory's entries may take (estimated by {@link Weights}): devices get
     *        70 %, organizations 20 %, slugs and user names 5 % each; what does not fit is read again when asked for
     * @param clock decides whether a renamed slug is still served
     */
    public PhoneDirectory(Pool pool, SecretCipher cipher, Duration ttl, Duration partnerTtl, long maxBytes,
            Clock clock) {
        this.pool = pool;
        this.clock = clock;
        this.cipher = cipher;
        this.devices = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(maxBytes * 70 / 100)
                .weigher((MacAddress k, Optional<DeviceView> d) -> d.map(Weights::device).orElse(Weights.ENTRY + 64))
                .recordStats().buildAsync();
        this.orgs = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(maxBytes * 20 / 100)
                .weigher((UUID k, Optional<OrgView> o) -> o.map(Weights::organization).orElse(Weights.ENTRY + 32))
                .recordStats().buildAsync();
        this.slugs = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(maxBytes * 5 / 100)
                .weigher((String k, Optional<SlugTarget> t) -> Weights.ENTRY + Weights.string(k) + 64)
                .recordStats().buildAsync();
        this.usernames = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(maxBytes * 5 / 100)
                .weigher((String k, List<UUID> ids) -> Weights.ENTRY + Weights.string(k) + 16 + 36 * ids.size())
                .recordStats().buildAsync();
        this.partnerHosts = Caffeine.newBuilder().expireAfterWrite(partnerTtl).maximumSize(1).buildAsync();
    }

    /** The weighed caches by name, for their metrics (the partners' host names are one entry, not weighed). */
    public Map<String, AsyncCache<?, ?>> caches() {
        return Map.of("directory.devices", devices, "directory.organizations", orgs, "directory.slugs", slugs,
                "directory.usernames", usernames);
    }

    public CompletableFuture<Optional<DeviceView>> device(MacAddress mac) {
        return cached(devices, mac, () -> pool.preparedQuery("SELECT d.organization_id, d.model, d.label,"
                + " d.settings::text, d.wallpaper, d.ringtone, d.version, d.moved_from_organization_id, d.moved_until,"
                + " c.organization_id AS credentials_organization_id, c.generation AS credentials_generation"
                + " FROM device d LEFT JOIN device_credentials c ON c.mac = d.mac WHERE d.mac = $1")
                .execute(Tuple.of(mac.value()))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.<DeviceView>empty();
                    }
                    Row r = it.next();
                    UUID movedFrom = r.getUUID("moved_from_organization_id");
                    UUID usedBy = r.getUUID("credentials_organization_id");
                    return Optional.of(new DeviceView(mac, r.getUUID("organization_id"), r.getString("model"),
                            r.getString("label"), settings(r.getString("settings")), r.getString("wallpaper"),
                            r.getString("ringtone"), r.getLong("version"),
                            movedFrom == null
                                    ? null
                                    : new DeviceView.MovedFrom(movedFrom, instant(r.getOffsetDateTime("moved_until"))),
                            usedBy == null
                                    ? null
                                    : new DeviceView.UsedCredentials(usedBy, r.getInteger("credentials_generation"))));
                }));
    }

    /**
     * Notes that the phone authenticated with these credentials, in this replica at once (the others learn it from
     * the change event portal-api publishes when it stores the activity). Only the entry {@code seen} is replaced: one
     * dropped or reloaded meanwhile is newer.
     */
    public void credentialsUsed(DeviceView seen, DeviceView.UsedCredentials used) {
        CompletableFuture<Optional<DeviceView>> entry = devices.getIfPresent(seen.mac());
        if (entry != null && entry.isDone() && !entry.isCompletedExceptionally()
                && entry.join().filter(d -> d == seen).isPresent()) {
            devices.asMap().replace(seen.mac(), entry,
                    CompletableFuture.completedFuture(Optional.of(seen.withUsedCredentials(used))));
        }
    }

    /** The organization, with its partner's host name as currently known. */
    public CompletableFuture<Optional<OrgView>> organization(UUID id) {
        return cached(orgs, id, () -> pool.preparedQuery("SELECT " + ORG_COLUMNS + " FROM organization WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(toOrg(rows.iterator().next()))
                        : Optional.<OrgView>empty()))
                .thenCombine(partnerHosts(), (org, hosts) -> org
                        .map(o -> o.withProvisioningHost(hosts.hostByPartner().get(o.partnerId()))));
    }

    /** The organizations a request under {@code host} may be matched against. */
    public CompletableFuture<HostScope> scope(String host) {
        return partnerHosts().thenApply(hosts -> new HostScope(
                Optional.ofNullable(host == null ? null : hosts.partnerByHost().get(host))));
    }

    private CompletableFuture<PartnerHosts> partnerHosts() {
        return cached(partnerHosts, "all", () -> pool
                .query("SELECT id, provisioning_host FROM partner WHERE provisioning_host IS NOT NULL").execute()
                .map(rows -> {
                    Map<String, UUID> byHost = new HashMap<>();
                    Map<UUID, String> byPartner = new HashMap<>();
                    rows.forEach(r -> {
                        byHost.put(r.getString(1), r.getUUID(0));
                        byPartner.put(r.getUUID(0), r.getString(1));
                    });
                    return new PartnerHosts(Map.copyOf(byHost), Map.copyOf(byPartner));
                }));
    }

    /** The organization with this slug, or renamed from it while the old slug is still served. */
    public CompletableFuture<Optional<OrgView>> organizationBySlug(String slug) {
        return cached(slugs, slug, () -> pool.preparedQuery("SELECT id, NULL::timestamptz FROM organization"
                + " WHERE slug = $1 UNION ALL SELECT organization_id, valid_until FROM organization_slug_alias"
                + " WHERE slug = $1 ORDER BY 2 NULLS FIRST LIMIT 1")
                .execute(Tuple.of(slug))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.<SlugTarget>empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new SlugTarget(r.getUUID(0), instant(r.getOffsetDateTime(1))));
                }))
                .thenCompose(target -> target.isPresent()
                        && (target.get().until() == null || clock.instant().isBefore(target.get().until()))
                                ? organization(target.get().organizationId())
                                : CompletableFuture.completedFuture(Optional.empty()));
    }

    /** Organizations whose phones use this provisioning user name (at most 20). */
    public CompletableFuture<List<OrgView>> organizationsByUsername(String username) {
        return cached(usernames, username, () -> pool.preparedQuery(
                "SELECT id FROM organization WHERE provisioning_username = $1 ORDER BY id LIMIT "
                        + MAX_ORGS_PER_USERNAME)
                .execute(Tuple.of(username))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return Collections.unmodifiableList(ids);
                }))
                .thenCompose(ids -> {
                    if (ids.isEmpty()) {
                        return CompletableFuture.completedFuture(List.<OrgView>of());
                    }
                    List<CompletableFuture<Optional<OrgView>>> loads = ids.stream().map(this::organization).toList();
                    return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
                            .thenApply(v -> loads.stream().map(CompletableFuture::join).flatMap(Optional::stream)
                                    .toList());
                });
    }

    /** Drops everything cached about one organization (its row, slug, user names, its devices). */
    public void invalidateOrganization(UUID id) {
        orgs.synchronous().invalidate(id);
        slugs.synchronous().invalidateAll(); // small, and a slug may have moved
        usernames.synchronous().invalidateAll();
        devices.asMap().entrySet().removeIf(e -> {
            CompletableFuture<Optional<DeviceView>> f = e.getValue();
            return !f.isDone() || f.isCompletedExceptionally()
                    || f.join().map(d -> d.organizationId().equals(id)).orElse(true);
        });
    }

    public void invalidateDevice(MacAddress mac) {
        devices.synchronous().invalidate(mac);
    }

    public void invalidateAll() {
        devices.synchronous().invalidateAll();
        orgs.synchronous().invalidateAll();
        slugs.synchronous().invalidateAll();
        usernames.synchronous().invalidateAll();
        partnerHosts.synchronous().invalidateAll();
    }

    private OrgView toOrg(Row r) {
        UUID id = r.getUUID("id");
        String keyEnc = r.getString("encryption_key_enc");
        String previousEnc = r.getString("previous_password_enc");
        OrgView.PreviousCredentials previous = previousEnc == null
                ? null
                : new OrgView.PreviousCredentials(r.getString("previous_username"),
                        cipher.decrypt(previousEnc, SecretContexts.provisioningPassword(id)),
                        instant(r.getOffsetDateTime("previous_credentials_until")));
        // The partner's host name is added at each lookup (organization), from the partners' own entry.
        return new OrgView(id, r.getString("slug"), r.getString("name"), r.getUUID("partner_id"), null,
                r.getString("provisioning_username"),
                cipher.decrypt(r.getString("provisioning_password_enc"), SecretContexts.provisioningPassword(id)),
                r.getInteger("credentials_generation"), previous,
                AuthMode.valueOf(r.getString("auth_mode")), r.getBoolean("encryption_enabled"),
                keyEnc == null ? null : cipher.decrypt(keyEnc, SecretContexts.encryptionKey(id)),
                r.getString("ca_certificate"), settings(r.getString("settings")), r.getLong("version"),
                UpdateSchedule.fromMap(settings(r.getString("update_schedule"))));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Settings JSON (an object of strings) as a sorted, unmodifiable map. */
    public static Map<String, String> settings(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, String> m = EventJson.fromJson(json, new TypeReference<TreeMap<String, String>>() {
        });
        return Collections.unmodifiableMap(m);
    }

    /**
     * Hits return the cached future, usually already complete, so the hot path of a reboot storm runs synchronously
     * without a reactive pipeline; only misses go to the database.
     */
    private static <K, V> CompletableFuture<V> cached(AsyncCache<K, V> cache, K key,
            Supplier<Uni<V>> loader) {
        return cache.get(key, (k, executor) -> loader.get().subscribeAsCompletionStage());
    }
}
