package io.voipconfig.portal.service;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.crypto.SecretContexts;
import io.voipconfig.common.event.EventType;
import io.voipconfig.common.mac.InvalidMacAddressException;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.portal.model.Device;
import io.voipconfig.portal.model.DeviceAccount;
import io.voipconfig.portal.model.DeviceDraft;
import io.voipconfig.portal.model.DeviceDraft.SipAccountDraft;
import io.voipconfig.portal.model.FleetState;
import io.voipconfig.portal.model.Organization;
import io.voipconfig.portal.model.PhonebookLink;
import io.voipconfig.portal.model.Timestamps;
import io.voipconfig.portal.problem.ApiException;
import io.voipconfig.portal.problem.Errors;
import io.voipconfig.portal.repository.AggregateVersions;
import io.voipconfig.portal.repository.DeviceRepository;
import io.voipconfig.portal.repository.FleetRepository;
import io.voipconfig.portal.repository.MacClaimRepository;
import io.voipconfig.portal.repository.RemovedSettingRepository.Layer;
import io.voipconfig.portal.security.Caller;
import io.voipconfig.portal.validation.OnCreate;

/** Devices and their SIP accounts: one MAC per platform, and each write with its event. */
@ApplicationScoped
public class DeviceService {

    private final DeviceRepository devices;
    private final OrganizationService organizations;
    private final DeviceRules rules;
    private final AggregateVersions versions;
    private final SecretCipher cipher;
    private final Outbox outbox;
    private final DraftValidator drafts;
    private final Quotas quotas;
    private final MacClaimRepository claims;
    private final FleetRepository fleet;
    private final RemovedSettings removedSettings;
    private final ChangeSpreads spreads;

    public DeviceService(DeviceRepository devices, OrganizationService organizations, DeviceRules rules,
            AggregateVersions versions, SecretCipher cipher, Outbox outbox, DraftValidator drafts, Quotas quotas,
            MacClaimRepository claims, FleetRepository fleet, RemovedSettings removedSettings,
            ChangeSpreads spreads) {
        this.spreads = spreads;
        this.fleet = fleet;
        this.removedSettings = removedSettings;
        this.drafts = drafts;
        this.quotas = quotas;
        this.claims = claims;
        this.devices = devices;
        this.organizations = organizations;
        this.rules = rules;
        this.versions = versions;
        this.cipher = cipher;
        this.outbox = outbox;
    }

    /** A MAC from a path: 400 when it is not one. */
    public static MacAddress pathMac(String text) {
        try {
            return MacAddress.parse(text);
        } catch (InvalidMacAddressException e) {
            throw ApiException.invalid("mac", e.getMessage());
        }
    }

    static ApiException notFound(MacAddress mac) {
        return ApiException.notFound("no device " + mac.value() + " in this organization");
    }

    public Uni<Device> get(Caller caller, String orgRef, String macText) {
        MacAddress mac = pathMac(macText);
        return Panache.withSession(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> find(org, mac, false)));
    }

    /**
     * The fleet view: the count and the page's MACs and states as two statements at once (at 100,000 devices each
     * scans the organization; in parallel the answer waits for the slower one, not both), then those devices with
     * their accounts.
     */
    public Uni<Page<FleetState.Item>> list(Caller caller, String orgRef, PageRequest page, FleetState.Filter filter) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef).flatMap(org -> Uni.combine().all()
                .unis(fleet.count(org.id, filter), fleet.page(org.id, filter, page)).asTuple().flatMap(counted -> {
                    long total = counted.getItem1();
                    List<FleetRepository.Entry> entries = counted.getItem2();
                    List<String> macs = entries.stream().map(FleetRepository.Entry::mac).toList();
                    return devices.withMacs(macs).map(found -> {
                        Map<String, Device> byMac = found.stream().collect(Collectors.toMap(d -> d.mac, d -> d));
                        // a device deleted between the two statements is left out of this page
                        List<FleetState.Item> items = entries.stream().filter(e -> byMac.containsKey(e.mac()))
                                .map(e -> new FleetState.Item(byMac.get(e.mac()), e.state())).toList();
                        return Page.of(items, page, total);
                    });
                })));
    }

    /** The import's columns without the password (write-only), then the fleet state: the export's header. */
    static final List<String> EXPORT_COLUMNS = Stream.concat(
            DeviceImportService.COLUMNS.stream().filter(c -> !c.equals("password")),
            FleetRepository.EXPORT_STATE_COLUMNS.stream()).toList();
    private static final int EXPORT_CHUNK = 1000;

    /**
     * The filtered fleet as CSV, in MAC order, streamed in chunks of {@value #EXPORT_CHUNK} devices (one row per SIP
     * account) in the import's columns: it imports back (into another organization when its phonebook and media
     * columns name what exists there); SIP passwords are never exported.
     */
    public Multi<String> export(Caller caller, String orgRef, FleetState.Filter filter) {
        return Panache.withSession(() -> organizations.visible(caller, orgRef)).onItem().transformToMulti(org -> {
            AtomicReference<String> after = new AtomicReference<>(
                    "");
            Multi<String> rows = Multi.createBy().repeating()
                    .uni(() -> fleet.exportChunk(org.id, filter, after.get(), EXPORT_CHUNK)
                            .invoke(chunk -> {
                                if (!chunk.isEmpty()) {
                                    after.set(chunk.get(chunk.size() - 1).get(0));
                                }
                            }))
                    .until(List::isEmpty)
                    .map(chunk -> {
                        StringBuilder text = new StringBuilder();
                        chunk.forEach(cells -> text.append(Csv.line(cells)));
                        return text.toString();
                    });
            return Multi.createBy().concatenating()
                    .streams(Multi.createFrom().item(Csv.line(EXPORT_COLUMNS)), rows);
        });
    }

    /** Devices whose MAC contains these hex digits (at least four), wherever the caller may look; at most 50. */
    public Uni<List<FleetState.Found>> findByMac(Caller caller, String macText) {
        String digits = macText == null ? "" : macText.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
        if (digits.length() < 4 || digits.length() > 12) {
            throw ApiException.invalid("mac", "4 to 12 hexadecimal digits of a MAC address, in any notation");
        }
        return fleet.findByMac(digits, caller.scope(), 50);
    }

    public Uni<Device> create(Caller caller, String orgRef, DeviceDraft draft) {
        Errors errors = drafts.check(draft, OnCreate.class);
        MacAddress mac = MacAddress.tryParse(draft.mac()).orElse(null);
        return outbox.transaction(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> rules.references(org.id).flatMap(refs -> {
                    rules.check(errors, draft, refs, org, mac);
                    errors.throwIfAny();
                    return devices.findById(mac.value()).flatMap(holder -> {
                        if (holder != null) {
                            return refuseRegistered(caller, org, holder);
                        }
                        return quotas.devicesFit(org, 1).flatMap(v -> versions.next())
                                .flatMap(version -> devices.persist(newDevice(org.id, mac, draft, version)));
                    }).call(d -> outbox.append(EventType.DEVICE_CREATED, d.mac, org, d.version, d.state()));
                })));
    }

    /**
     * Replaces the device: a change of what it renders reaches that one device. {@code dryRun}: the same write, rolled
     * back, with the device's files before and after.
     */
    public Uni<Written<Device>> update(Caller caller, String orgRef, String macText, String ifMatch,
            DeviceDraft draft, boolean dryRun) {
        MacAddress mac = pathMac(macText);
        Errors errors = drafts.check(draft);
        if (draft.mac() != null && !MacAddress.tryParse(draft.mac()).map(mac::equals).orElse(false)) {
            errors.add("mac", "must be the MAC of the path (" + mac.value() + ")");
        }
        return outbox.transaction(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> find(org, mac, true).flatMap(current -> {
                    Versions.check(ifMatch, current.version);
                    Map<Integer, String> kept = new HashMap<>();
                    current.accounts.stream().filter(a -> a.passwordEnc != null)
                            .forEach(a -> kept.put(a.accountIndex, a.passwordEnc));
                    return rules.references(org.id).flatMap(refs -> {
                        rules.check(errors, draft, refs, org, mac);
                        errors.throwIfAny();
                        return spreads.before(dryRun, caller, org, null, mac.value());
                    }).flatMap(before -> {
                        Map<String, String> settingsBefore = current.sortedSettings();
                        List<Object> inputsBefore = renderedInputs(current);
                        return versions.next().map(version -> {
                            apply(current, draft, kept);
                            current.version = version;
                            return current;
                        }).call(d -> removedSettings.record(org.id, Layer.DEVICE, d.mac, settingsBefore,
                                d.sortedSettings()))
                                .call(d -> outbox.append(EventType.DEVICE_UPDATED, d.mac, org, d.version, d.state()))
                                .flatMap(d -> spreads.settle(dryRun, caller, org, before,
                                        inputsBefore.equals(renderedInputs(d)) ? 0 : 1, d));
                    });
                })));
    }

    /**
     * What of the device reaches its files, SIP passwords decrypted (a password sent again is encrypted anew): two
     * writes with equal inputs render the same files. In memory only, never logged.
     */
    private List<Object> renderedInputs(Device d) {
        return List.of(d.model, String.valueOf(d.label), d.sortedSettings(), String.valueOf(d.wallpaper),
                String.valueOf(d.ringtone),
                d.accounts.stream().sorted(Comparator.comparingInt(a -> a.accountIndex))
                        .map(a -> Arrays.asList(a.accountIndex, a.label, a.displayName, a.userName,
                                a.authName, a.passwordEnc == null
                                        ? null
                                        : cipher.decrypt(a.passwordEnc,
                                                SecretContexts.sipPassword(d.macAddress(), a.accountIndex)),
                                a.server, a.port, a.transport))
                        .toList(),
                d.phonebooks.stream().map(p -> List.of(String.valueOf(p.phonebookId), p.position)).toList());
    }

    public Uni<Void> delete(Caller caller, String orgRef, String macText, String ifMatch) {
        MacAddress mac = pathMac(macText);
        return outbox.transaction(() -> organizations.visible(caller, orgRef)
                .flatMap(org -> find(org, mac, true).flatMap(current -> {
                    Versions.check(ifMatch, current.version);
                    return devices.deleteNow(current)
                            .flatMap(v -> outbox.appendDeletion(EventType.DEVICE_DELETED, mac.value(), org));
                })))
                .replaceWithVoid();
    }

    /**
     * Moves a device to another organization the caller can manage: model, label, accounts (with their stored
     * passwords) and settings go along; phonebook links, wallpaper and ringtone name the old organization's resources
     * and are removed. The MAC file must render with the target organization's settings. One event, in the target
     * organization's order; RPS then puts the MAC on the target's server. The phone's credentials of the source stay
     * valid for this MAC for the source's grace period, until it has used the target's; the target sees none of the
     * source's presence, deliveries or activity.
     */
    public Uni<Device> move(Caller caller, String orgRef, String macText, String ifMatch, String target) {
        MacAddress mac = pathMac(macText);
        if (target == null || target.isBlank()) {
            throw ApiException.invalid("organization", "is required: the target organization's id or slug");
        }
        return outbox.transaction(() -> organizations.visible(caller, orgRef)
                .flatMap(from -> organizations.visible(caller, target.strip())
                        .onFailure(ApiException.class).transform(e -> ApiException.invalid("organization",
                                "no organization '" + target.strip() + "' that you manage"))
                        .flatMap(to -> moveTo(from, to, mac, ifMatch))));
    }

    /**
     * Hands a squatted MAC to the organization that claims it (the operator's MAC claims). Unlike a move, nothing of
     * the holder's goes along (accounts and their passwords, settings, label, links: the claimant configures the phone
     * as its own) and there is no grace: the holder's provisioning credentials stop working for this MAC with the
     * event, so a phone provisioned by the squatter gets nothing more. The claimant's quotas apply.
     */
    public Uni<Device> reclaim(Caller caller, UUID holderId, UUID claimantId, MacAddress mac) {
        return outbox.transaction(() -> organizations.visible(caller, holderId.toString())
                .flatMap(from -> organizations.visible(caller, claimantId.toString())
                        .flatMap(to -> find(from, mac, true).flatMap(current -> quotas.devicesFit(to, 1)
                                .flatMap(v -> versions.next()).flatMap(version -> {
                                    current.organizationId = to.id;
                                    current.label = null;
                                    current.settings = new TreeMap<>();
                                    current.accounts.clear();
                                    current.wallpaper = null;
                                    current.ringtone = null;
                                    current.phonebooks.clear();
                                    current.movedFromOrganizationId = null;
                                    current.movedUntil = null;
                                    current.version = version;
                                    current.updatedAt = Timestamps.now();
                                    return devices.forgetPhoneState(mac)
                                            .flatMap(v -> outbox.append(EventType.DEVICE_UPDATED, mac.value(), to,
                                                    version, current.state()))
                                            .replaceWith(current);
                                })))));
    }

    /**
     * The answer to a MAC that is registered already: the same 409 wherever it is, so that nothing about another
     * organization or partner is revealed. When another partner's organization holds it, the claim is recorded for
     * the operator (outside this transaction, which rolls back).
     */
    private Uni<Device> refuseRegistered(Caller caller, Organization org, Device holder) {
        ApiException taken = new ApiException(409, "mac-in-use", "Conflict",
                "MAC address " + holder.mac + " is already registered",
                List.of(new ApiException.FieldError("mac", "is already registered")));
        if (caller.isOperator()) {
            return Uni.createFrom().failure(taken);
        }
        return organizations.partnerOf(holder.organizationId).flatMap(holderPartner -> holderPartner
                .filter(p -> !p.equals(org.partnerId)).isPresent()
                        ? claims.record(holder.macAddress(), org.id, holder.organizationId)
                        : Uni.createFrom().voidItem())
                .flatMap(v -> Uni.createFrom().failure(taken));
    }

    private Uni<Device> moveTo(Organization from, Organization to, MacAddress mac, String ifMatch) {
        if (to.id.equals(from.id)) {
            throw ApiException.invalid("organization", "the device is already in '" + to.slug + "'");
        }
        return find(from, mac, true).flatMap(current -> {
            Versions.check(ifMatch, current.version);
            DeviceDraft moved = new DeviceDraft(mac.value(), current.model, current.label,
                    current.accounts.stream().map(a -> new SipAccountDraft(a.accountIndex, a.label, a.displayName,
                            a.userName, a.authName, null, a.server, a.port, a.transport)).toList(),
                    current.sortedSettings(), List.of(), null, null);
            return rules.references(to.id).flatMap(refs -> {
                Errors errors = new Errors();
                rules.check(errors, moved, refs, to, mac);
                errors.throwIfAny();
                return (to.partnerId.equals(from.partnerId)
                        ? quotas.organizationDevicesFit(to, 1)
                        : quotas.devicesFit(to, 1)).flatMap(v -> versions.next());
            }).flatMap(version -> {
                OffsetDateTime now = Timestamps.now();
                current.organizationId = to.id;
                current.wallpaper = null;
                current.ringtone = null;
                current.phonebooks.clear();
                current.version = version;
                current.updatedAt = now;
                // the phone holds the source's credentials until it has fetched the target's files
                current.movedFromOrganizationId = from.graceDays > 0 ? from.id : null;
                current.movedUntil = from.graceDays > 0 ? now.plusDays(from.graceDays) : null;
                return devices.forgetPhoneState(mac)
                        .flatMap(v -> outbox.append(EventType.DEVICE_UPDATED, mac.value(), to, version,
                                current.state()))
                        .replaceWith(current);
            });
        });
    }

    private Uni<Device> find(Organization org, MacAddress mac, boolean lock) {
        return devices.findInOrganization(org.id, mac, lock).onItem().ifNull().failWith(() -> notFound(mac));
    }

    /** A new device of the organization, as the (checked) draft describes it. */
    Device newDevice(UUID organizationId, MacAddress mac, DeviceDraft draft, long version) {
        Device d = new Device();
        d.version = version;
        d.mac = mac.value();
        d.organizationId = organizationId;
        apply(d, draft, Map.of());
        d.createdAt = d.updatedAt;
        return d;
    }

    /** The draft's values on {@code d}; an account without a password keeps {@code keptPasswords}' one. */
    private void apply(Device d, DeviceDraft draft, Map<Integer, String> keptPasswords) {
        MacAddress mac = d.macAddress();
        d.model = DeviceRules.canonicalModel(draft);
        d.label = DeviceRules.blankToNull(draft.label());
        d.settings = new TreeMap<>(draft.settings());
        d.wallpaper = DeviceRules.blankToNull(draft.wallpaper());
        d.ringtone = DeviceRules.blankToNull(draft.ringtone());
        d.updatedAt = Timestamps.now();
        d.accounts.clear();
        for (SipAccountDraft a : draft.accounts()) {
            d.accounts.add(account(mac, a, keptPasswords.get(a.index())));
        }
        d.phonebooks.clear();
        for (int i = 0; i < draft.phonebookIds().size(); i++) {
            d.phonebooks.add(new PhonebookLink(draft.phonebookIds().get(i), i + 1));
        }
    }

    /** An account row: the password encrypted for (MAC, index), or {@code keptPassword} when none is given. */
    private DeviceAccount account(MacAddress mac, SipAccountDraft a, String keptPassword) {
        DeviceAccount account = new DeviceAccount();
        account.accountIndex = a.index();
        account.label = DeviceRules.blankToNull(a.label());
        account.displayName = DeviceRules.blankToNull(a.displayName());
        account.userName = a.userName().strip();
        account.authName = DeviceRules.blankToNull(a.authName());
        account.passwordEnc = a.password() != null
                ? cipher.encrypt(a.password(), SecretContexts.sipPassword(mac, a.index()))
                : keptPassword;
        account.server = a.server().strip();
        account.port = a.portOrDefault();
        account.transport = a.transportOrDefault();
        return account;
    }
}
