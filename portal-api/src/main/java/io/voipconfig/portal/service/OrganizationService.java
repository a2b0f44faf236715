package io.voipconfig.portal.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.event.DomainEvent;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.render.YealinkEncryption;
import io.voipconfig.portal.model.FleetState;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.model.OrganizationDraft;
import io.voipconfig.portal.model.Partner;
import io.voipconfig.portal.model.SlugAlias;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.problem.Errors;
import io.voipconfig.portal.repository.AggregateVersions;
import io.voipconfig.portal.repository.BulkWrites;
import io.voipconfig.portal.repository.DeviceRepository;
import io.voipconfig.portal.repository.FleetRepository;
import io.voipconfig.portal.repository.OrganizationRepository;
import io.voipconfig.portal.repository.RemovedSettingRepository.Layer;
import io.voipconfig.portal.repository.SlugAliasRepository;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.security.Caller.Scope;
import io.voipconfig.portal.validation.OnCreate;

/** Organizations: who may see which, and every write with its event in one transaction. */
@ApplicationScoped
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final AggregateVersions versions;
    private final BulkWrites bulk;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final DraftValidator drafts;
    private final Quotas quotas;
    private final DeviceRepository devices;
    private final FleetRepository fleet;
    private final SlugAliasRepository aliases;
    private final ProvisioningCredentials credentials;
    private final RemovedSettings removedSettings;
    private final ChangeSpreads spreads;

    public OrganizationService(OrganizationRepository organizations, AggregateVersions versions, BulkWrites bulk,
            SecretCipher cipher, Outbox outbox, DraftValidator drafts, Quotas quotas, DeviceRepository devices,
            FleetRepository fleet, SlugAliasRepository aliases, ProvisioningCredentials credentials,
            RemovedSettings removedSettings, ChangeSpreads spreads) {
        this.spreads = spreads;
        this.credentials = credentials;
        this.fleet = fleet;
        this.aliases = aliases;
        this.removedSettings = removedSettings;
        this.drafts = drafts;
        this.quotas = quotas;
        this.devices = devices;
        this.organizations = organizations;
        this.versions = versions;
        this.bulk = bulk;
        this.cipher = cipher;
        this.outbox = outbox;
    }

    /**
     * The organization named by id or slug, if the caller may see it; otherwise 404, exactly as for one that does
     * not exist. In a transaction, {@code lock} holds its row until the commit.
     */
    public Uni<Organization> visible(Caller caller, String idOrSlug, boolean lock) {
        return Panache.withSession(() -> organizations.findByRef(idOrSlug, lock))
                .map(o -> Optional.ofNullable(o).filter(found -> caller.canSee(found.id, found.partnerId))
                        .orElseThrow(() -> ApiException.notFound("no organization '" + idOrSlug + "'")));
    }

    public Uni<Organization> visible(Caller caller, String idOrSlug) {
        return visible(caller, idOrSlug, false);
    }

    /** The partner of an organization, whoever may see it (for decisions the caller never sees). */
    public Uni<Optional<UUID>> partnerOf(UUID organizationId) {
        return Panache.withSession(() -> organizations.findById(organizationId))
                .map(o -> Optional.ofNullable(o).map(found -> found.partnerId));
    }

    /** @param partnerId only this partner's (within what the caller may see anyway); null: all of those */
    public Uni<Page<Organization>> list(Caller caller, PageRequest page, String q, UUID partnerId) {
        Scope scope = caller.scope();
        return Panache.withSession(() -> organizations.count(scope, q, partnerId)
                .flatMap(total -> organizations.page(scope, q, partnerId, page)
                        .map(items -> Page.of(items, page, total))));
    }

    /** Each organization's fleet at a glance, "seen" meaning in the last 24 hours. */
    public Uni<Map<UUID, FleetState.Counts>> fleetCounts(List<Organization> page) {
        return fleet.counts(page.stream().map(o -> o.id).toList(), Timestamps.now().minusHours(24));
    }

    /** In the caller's partner, or (the operator) in the partner the draft names, the default one otherwise. */
    public Uni<Organization> create(Caller caller, OrganizationDraft draft) {
        check(drafts.check(draft, OnCreate.class), draft).throwIfAny();
        UUID partnerId = partnerOf(caller, draft, null);
        UUID id = draft.id() != null ? draft.id() : UUID.randomUUID();
        return outbox.transaction(() -> quotas.organizationFits(partnerId)
                .flatMap(partner -> organizations.existsByIdOrSlug(id, draft.slug())).flatMap(taken -> {
                    if (taken) {
                        throw ApiException.conflict("an organization with this id or slug already exists");
                    }
                    return claimSlug(draft.slug(), id, Timestamps.now());
                }).flatMap(v -> versions.next()).flatMap(version -> {
                    Organization o = new Organization();
                    o.id = id;
                    o.partnerId = partnerId;
                    o.version = version;
                    o.filesVersion = version;
                    apply(o, draft, Timestamps.now());
                    o.createdAt = o.updatedAt;
                    return organizations.persist(o).flatMap(created -> outbox.append(EventType.ORGANIZATION_CREATED,
                            id.toString(), created, created.version, created.state()).replaceWith(created));
                }));
    }

    /**
     * Replaces the organization. A change of what it renders reaches all its devices (its files version moves, so they
     * are pending until they fetch again); one that renders nothing new (a grace period, an identical save) reaches
     * none. {@code dryRun}: the same write, rolled back, with an example device's files before and after.
     */
    public Uni<Written<Organization>> update(Caller caller, String idOrSlug, String ifMatch, OrganizationDraft draft,
            boolean dryRun) {
        check(drafts.check(draft), draft).throwIfAny();
        return outbox.transaction(() -> visible(caller, idOrSlug, true).flatMap(current -> {
            Versions.check(ifMatch, current.version);
            if (draft.id() != null && !draft.id().equals(current.id)) {
                throw ApiException.invalid("id", "does not match the organization being updated");
            }
            UUID partnerId = partnerOf(caller, draft, current);
            Uni<Void> fits = partnerId.equals(current.partnerId)
                    ? Uni.createFrom().voidItem()
                    : quotas.organizationFits(partnerId)
                            .flatMap(p -> devices.countIn(current.id))
                            .flatMap(count -> quotas.devicesFit(partnerId, count.intValue()));
            OffsetDateTime now = Timestamps.now();
            return spreads.before(dryRun, caller, current, null, null).flatMap(before -> fits
                    .flatMap(v -> draft.slug() == null || draft.slug().equals(current.slug)
                            ? Uni.createFrom().voidItem()
                            : rename(current, draft.slug(), graceOf(current, draft), now))
                    .flatMap(v -> versions.next()).flatMap(version -> {
                        Map<String, String> settingsBefore = current.sortedSettings();
                        Organization.RenderedInputs inputsBefore = current.renderedInputs();
                        long filesVersionBefore = current.filesVersion != null ? current.filesVersion : current.version;
                        apply(current, draft, now);
                        current.partnerId = partnerId;
                        current.version = version;
                        boolean rendersOther = !inputsBefore.equals(current.renderedInputs());
                        current.filesVersion = rendersOther ? version : filesVersionBefore;
                        return removedSettings.record(current.id, Layer.ORGANIZATION, "", settingsBefore,
                                current.settings)
                                .flatMap(v -> outbox.append(EventType.ORGANIZATION_UPDATED, current.id.toString(),
                                        current, version, current.state()))
                                .flatMap(v -> rendersOther ? devices.countIn(current.id) : Uni.createFrom().item(0L))
                                .flatMap(affected -> spreads.settle(dryRun, caller, current, before, affected,
                                        current));
                    }));
        }));
    }

    /** What the annotations cannot see: a window that ends before it starts. */
    private static Errors check(Errors errors, OrganizationDraft draft) {
        if (draft.updateSchedule() != null && !draft.updateSchedule().windowEndsAfterStart()) {
            errors.add("updateSchedule.windowEnd", "must be after windowStart, on the same day");
        }
        return errors;
    }

    /**
     * The partner an organization is written into: the draft's, which only the operator may choose freely; a
     * partner's admin writes into its own partner; on update, null keeps the current one.
     */
    private static UUID partnerOf(Caller caller, OrganizationDraft draft, Organization current) {
        UUID fallback = current != null
                ? current.partnerId
                : caller.partnerId().orElse(Partner.DEFAULT_ID);
        UUID wanted = draft.partnerId() != null ? draft.partnerId() : fallback;
        if (!caller.isOperator() && !wanted.equals(fallback)) {
            throw ApiException.invalid("partnerId", current == null
                    ? "organizations are created in your own partner"
                    : "only the operator moves an organization to another partner");
        }
        return wanted;
    }

    /** The organization's old slugs still served to its phones. */
    public Uni<List<SlugAlias>> formerSlugs(Organization o) {
        return Panache.withSession(() -> aliases.ofOrganization(o.id));
    }

    private static int graceOf(Organization current, OrganizationDraft draft) {
        return draft.graceDays() != null ? draft.graceDays() : current.graceDays;
    }

    /**
     * Makes {@code slug} free for {@code organizationId}: its own former slug is taken back, another's that has ended
     * is dropped; 409 while the phones of the organization renamed from it are still served under it.
     */
    private Uni<Void> claimSlug(String slug, UUID organizationId, OffsetDateTime now) {
        return aliases.findById(slug).flatMap(alias -> {
            if (alias == null) {
                return Uni.createFrom().voidItem();
            }
            if (!alias.organizationId.equals(organizationId) && alias.activeAt(now)) {
                throw new ApiException(409, "slug-in-grace", "Conflict", "the slug '" + slug
                        + "' was renamed and is still served to that organization's phones until "
                        + alias.validUntil.toLocalDate(),
                        List.of(new ApiException.FieldError("slug", "is still served for phones of its former"
                                + " organization until " + alias.validUntil.toLocalDate())));
            }
            return aliases.delete(alias);
        });
    }

    /**
     * A rename keeps the old slug served to the phones that hold it for the grace period (docs/portal-api.md,
     * "Changes that do not cut phones off"); the new slug must not be another organization's in its grace.
     */
    private Uni<Void> rename(Organization current, String newSlug, int graceDays, OffsetDateTime now) {
        return organizations.existsBySlug(newSlug).flatMap(taken -> {
            if (taken) {
                throw ApiException.conflict("an organization with this slug already exists");
            }
            return claimSlug(newSlug, current.id, now);
        }).flatMap(v -> {
            if (graceDays == 0) {
                return Uni.createFrom().voidItem();
            }
            SlugAlias alias = new SlugAlias();
            alias.slug = current.slug;
            alias.organizationId = current.id;
            alias.validUntil = now.plusDays(graceDays);
            alias.createdAt = now;
            return aliases.persist(alias).replaceWithVoid();
        });
    }

    /**
     * The draft's values on {@code o}: a changed user name or password is a rotation (the previous set stays valid
     * for the grace period), the password encrypted, an AES key made when encryption starts.
     */
    private void apply(Organization o, OrganizationDraft draft, OffsetDateTime now) {
        o.slug = draft.slug();
        o.name = draft.name().strip();
        if (draft.graceDays() != null) {
            credentials.shortenGrace(o, draft.graceDays());
            o.graceDays = draft.graceDays();
        }
        String password = draft.provisioning().keepsPassword() ? null : draft.provisioning().password();
        credentials.set(o, draft.provisioning().username(), password, o.graceDays, now);
        o.authMode = draft.provisioning().authModeOrDefault();
        if (draft.encryptionEnabled() != null) {
            o.encryptionEnabled = draft.encryptionEnabled();
        }
        if (o.encryptionEnabled && o.encryptionKeyEnc == null) {
            o.encryptionKeyEnc = cipher.encrypt(YealinkEncryption.newKey(), SecretContexts.encryptionKey(o.id));
        }
        o.caCertificate = draft.caCertificate() == null || draft.caCertificate().isBlank()
                ? null
                : draft.caCertificate();
        o.settings = new TreeMap<>(draft.settings() == null ? Map.of() : draft.settings());
        o.updateSchedule = draft.updateSchedule() == null ? null : draft.updateSchedule().toSchedule().toMap();
        o.updatedAt = now;
    }

    /**
     * Deletes the organization with everything it owns: a device.deleted event per device, then its own. A bulk
     * transaction: an organization with 100,000 devices is a few round trips.
     */
    public Uni<Void> delete(Caller caller, String idOrSlug, String ifMatch) {
        return visible(caller, idOrSlug).flatMap(found -> outbox.bulkTransaction(tx -> bulk
                .lockOrganization(tx, found.id)
                .flatMap(version -> {
                    Versions.check(ifMatch, version.orElseThrow(
                            () -> ApiException.notFound("no organization '" + idOrSlug + "'")));
                    return bulk.deleteOrganization(tx, found.id);
                })
                .flatMap(devices -> {
                    List<DomainEvent> events = new ArrayList<>();
                    devices.forEach(d -> events.add(Outbox.event(EventType.DEVICE_DELETED, d.mac(), found,
                            d.version(), null)));
                    return bulk.nextVersions(tx, 1).flatMap(v -> {
                        events.add(Outbox.event(EventType.ORGANIZATION_DELETED, found.id.toString(), found,
                                v.get(0), null));
                        return outbox.appendAll(tx, events);
                    });
                })));
    }
}
