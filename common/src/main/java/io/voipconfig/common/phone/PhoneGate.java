package io.voipconfig.common.phone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.voipconfig.common.event.ProvisioningActivity.Outcome;
import io.voipconfig.common.mac.MacAddress;
import io.voipconfig.common.phone.GateResult.Credentials;
import io.voipconfig.common.phoneauth.DigestAuthenticator;
import io.voipconfig.common.phoneauth.PhoneCredentials;
import io.voipconfig.common.phoneauth.PhoneThrottle;
import io.voipconfig.common.useragent.YealinkUserAgent;

/**
 * Identification and authentication of phones, identical in every phone-facing service (docs/config-service.md,
 * "Identification, authentication, outcomes"):
 * <ol>
 * <li>credentials whose user name failed too often, from this address or from many → 429
 * ({@link PhoneThrottle}; the address's own limits were checked before, by the caller's
 * {@link PhoneThrottle#admit});</li>
 * <li>MAC from the file name, else from the User-Agent; organization from the {@code /o/{slug}/} prefix, else the
 * MAC's;</li>
 * <li>no or unusable credentials → 401 with a challenge in the organization's auth mode;</li>
 * <li>credentials that match no candidate organization → 401 {@code WRONG_CREDENTIALS};</li>
 * <li>MAC unknown, or not in the authenticated organization → 404 {@code UNKNOWN_MAC};</li>
 * <li>otherwise allowed; the service then answers 404 for an absent resource or 200.</li>
 * </ol>
 * Candidate organizations for the credentials are the pinned one, else the MAC's organization and those whose phones
 * use the same user name, so a known phone of another organization answers 404 rather than revealing its owner.
 * Under a partner's own host name every candidate is one of that partner's organizations: another partner's slug or
 * MAC is unknown there, and its organizations' credentials never succeed ({@link PhoneDirectory.HostScope}).
 *
 * <p>What a phone holds keeps working through admin changes for the organization's grace period: the previous
 * credentials after a rotation (for a device until it has used the current ones), a slug it was renamed from (the
 * directory resolves it), and after a move the credentials of the organization the device came from (for that MAC only,
 * until it has used its new organization's).
 */
public final class PhoneGate {

    private final PhoneDirectory directory;
    private final DigestAuthenticator digest;
    private final PhoneThrottle throttle;
    private final Clock clock;

    /** @param clock decides whether a grace period (previous credentials, a move) has ended */
    public PhoneGate(PhoneDirectory directory, DigestAuthenticator digest, PhoneThrottle throttle, Clock clock) {
        this.clock = clock;
        this.directory = directory;
        this.digest = digest;
        this.throttle = throttle;
    }

    /** @param deviceRequired the resource is per device (MAC files): without an identified MAC the answer is 404 */
    public CompletableFuture<GateResult> check(PhoneRequest req, boolean deviceRequired) {
        Optional<YealinkUserAgent> ua = YealinkUserAgent.parse(req.userAgent());
        Optional<MacAddress> mac = req.pathMac().or(() -> ua.flatMap(YealinkUserAgent::mac));
        Optional<PhoneCredentials> creds = PhoneCredentials.parse(req.authorization());
        Optional<PhoneThrottle.Reason> held = creds
                .flatMap(c -> throttle.admitCredentials(req.clientIp(), c.username()));
        if (held.isPresent()) { // before any lookup: a blocked guesser costs nothing
            return done(new GateResult.Denied(429, Outcome.THROTTLED, List.of(), Optional.empty(), mac, ua,
                    held.get().tag()));
        }
        return directory.scope(req.host()).thenCompose(scope -> {
            CompletableFuture<Optional<OrgView>> pinned = pinned(req, scope);
            CompletableFuture<Optional<DeviceView>> device = mac.map(directory::device)
                    .orElse(CompletableFuture.completedFuture(Optional.empty()));
            return pinned.thenCompose(p -> device.thenCompose(dev -> {
                CompletableFuture<Optional<OrgView>> macOrg = dev
                        .map(d -> directory.organization(d.organizationId()).thenApply(o -> o.filter(scope::admits)))
                        .orElse(CompletableFuture.completedFuture(Optional.empty()));
                // A device of an organization the host does not admit is as unknown as one never registered.
                return macOrg.thenCompose(mo -> decide(req, creds, scope, ua, mac, p,
                        mo.isPresent() ? dev : Optional.empty(), mo, deviceRequired));
            }));
        });
    }

    /**
     * The organization the request's {@code /o/{slug}/} prefix names, as seen under its host name: another partner's
     * is absent, exactly like a slug that does not exist, and counts as a failure of the address (guessing slugs).
     * For what needs no credentials (the CA certificate).
     */
    public CompletableFuture<Optional<OrgView>> pinnedOrganization(PhoneRequest req) {
        return directory.scope(req.host()).thenCompose(scope -> pinned(req, scope)).thenApply(org -> {
            if (org.isEmpty()) {
                throttle.failure(req.clientIp());
            }
            return org;
        });
    }

    private CompletableFuture<Optional<OrgView>> pinned(PhoneRequest req, PhoneDirectory.HostScope scope) {
        return req.orgSlug()
                .map(slug -> directory.organizationBySlug(slug).thenApply(o -> o.filter(scope::admits)))
                .orElse(CompletableFuture.completedFuture(Optional.empty()));
    }

    private static CompletableFuture<GateResult> done(GateResult r) {
        return CompletableFuture.completedFuture(r);
    }

    private CompletableFuture<GateResult> decide(PhoneRequest req, Optional<PhoneCredentials> creds,
            PhoneDirectory.HostScope scope,
            Optional<YealinkUserAgent> ua,
            Optional<MacAddress> mac,
            Optional<OrgView> pinned, Optional<DeviceView> device, Optional<OrgView> macOrg, boolean deviceRequired) {
        if (req.orgSlug().isPresent() && pinned.isEmpty()) {
            throttle.failure(req.clientIp());
            return denied(404, Outcome.NOT_FOUND, List.of(), Optional.empty(), mac, ua, "unknown organization");
        }
        Optional<OrgView> challengeOrg = pinned.or(() -> macOrg);
        AuthMode mode = challengeOrg.map(OrgView::authMode).orElse(AuthMode.DIGEST);
        Optional<String> activityOrg = challengeOrg.map(o -> o.id().toString());
        if (creds.isEmpty()) {
            if (req.authorization() != null && !req.authorization().isBlank()) {
                throttle.failure(req.clientIp());
                return denied(401, Outcome.NO_CREDENTIALS, challenges(mode, false), activityOrg, mac, ua,
                        "unreadable Authorization header");
            }
            return done(
                    new GateResult.Denied(401, Outcome.NO_CREDENTIALS, challenges(mode, false), activityOrg, mac, ua,
                            "no credentials"));
        }
        Instant now = clock.instant();
        Optional<UUID> movedFrom = device.flatMap(d -> d.movedFromAt(now))
                .filter(from -> !device.get().usesOwnOrganizationsCredentials());
        CompletableFuture<List<OrgView>> candidates = pinned.isPresent()
                ? CompletableFuture.completedFuture(List.of(pinned.get()))
                : directory.organizationsByUsername(creds.get().username()).thenCombine(
                        movedFrom.map(directory::organization)
                                .orElse(CompletableFuture.completedFuture(Optional.empty())),
                        (byName, source) -> {
                            Map<UUID, OrgView> all = new LinkedHashMap<>();
                            macOrg.ifPresent(o -> all.put(o.id(), o));
                            source.filter(scope::admits).ifPresent(o -> all.putIfAbsent(o.id(), o));
                            byName.stream().filter(scope::admits).forEach(o -> all.putIfAbsent(o.id(), o));
                            return new ArrayList<>(all.values());
                        });
        return candidates.thenCompose(list -> {
            Attempt attempt = authenticate(req, creds.get(), credentialSets(list, device, now));
            if (attempt.set == null) {
                if (attempt.stale) {
                    return done(new GateResult.Denied(401, Outcome.NO_CREDENTIALS, challenges(mode, true), activityOrg,
                            mac, ua, "stale nonce"));
                }
                throttle.wrongCredentials(req.clientIp(), creds.get().username());
                return denied(401, attempt.outcome, challenges(mode, false), activityOrg, mac, ua, attempt.detail);
            }
            throttle.authenticated(req.clientIp(), creds.get().username());
            OrgView org = attempt.set.org();
            Optional<String> authOrg = Optional.of(org.id().toString());
            if (mac.isPresent() && (device.isEmpty() || !device.get().organizationId().equals(org.id()))) {
                // A moved device's phone may still hold the organization it came from: served as its new one.
                if (device.isPresent() && macOrg.isPresent() && movedFrom.equals(Optional.of(org.id()))) {
                    return done(new GateResult.Allowed(macOrg.get(), device, mac, ua, Credentials.MOVED_FROM));
                }
                throttle.failedAs(req.clientIp(), creds.get().username());
                return denied(404, Outcome.UNKNOWN_MAC, List.of(), authOrg, mac, ua, "MAC not in this organization");
            }
            if (deviceRequired && mac.isEmpty()) {
                throttle.failedAs(req.clientIp(), creds.get().username());
                return denied(404, Outcome.UNKNOWN_MAC, List.of(), authOrg, mac, ua,
                        "no MAC in the file name or User-Agent");
            }
            Credentials used = attempt.set.current() ? Credentials.CURRENT : Credentials.PREVIOUS;
            if (used == Credentials.CURRENT) {
                device.filter(d -> !d.usesCurrentCredentials(org)).ifPresent(d -> directory.credentialsUsed(d,
                        new DeviceView.UsedCredentials(org.id(), org.credentialsGeneration())));
            }
            return done(new GateResult.Allowed(org, device, mac, ua, used));
        });
    }

    /**
     * Each candidate's current credentials, and its previous ones while they are accepted and the request's device
     * has not used the current ones (docs/config-service.md, "Rotation, renames and moves").
     */
    private static List<CredentialSet> credentialSets(List<OrgView> orgs, Optional<DeviceView> device, Instant now) {
        List<CredentialSet> sets = new ArrayList<>();
        for (OrgView org : orgs) {
            sets.add(new CredentialSet(org, org.username(), org.password(), true));
            boolean movedOver = device.filter(d -> d.organizationId().equals(org.id()))
                    .map(d -> d.usesCurrentCredentials(org)).orElse(false);
            if (!movedOver) {
                org.previousAt(now).ifPresent(p -> sets.add(new CredentialSet(org, p.username(), p.password(), false)));
            }
        }
        return sets;
    }

    /** Credentials a request may be checked against: an organization's current set, or its previous one. */
    private record CredentialSet(OrgView org, String username, String password, boolean current) {
    }

    private Attempt authenticate(PhoneRequest req, PhoneCredentials creds, List<CredentialSet> candidates) {
        Attempt result = new Attempt(Outcome.WRONG_CREDENTIALS, "wrong credentials");
        for (CredentialSet set : candidates) {
            OrgView org = set.org();
            if (creds instanceof PhoneCredentials.Basic b) {
                if (!org.authMode().allowsBasic()) {
                    result.detailIfDefault("Basic authentication is not allowed for this organization");
                    continue;
                }
                if (constantTimeEquals(set.username(), b.username())
                        && constantTimeEquals(set.password(), b.password())) {
                    return Attempt.ok(set);
                }
            } else if (creds instanceof PhoneCredentials.Digest d) {
                if (!org.authMode().allowsDigest()) {
                    result.detailIfDefault("Digest authentication is not allowed for this organization");
                    continue;
                }
                switch (digest.verify(d, req.method(), req.requestUri(), set.username(), set.password())) {
                    case OK -> {
                        return Attempt.ok(set);
                    }
                    case STALE -> result.stale = true;
                    case REPLAY -> result.detail = "nonce count replayed";
                    case INVALID -> result.detailIfDefault("nonce, realm or URI not valid for this request");
                    case WRONG_CREDENTIALS -> {
                    }
                }
            }
        }
        return result;
    }

    private List<String> challenges(AuthMode mode, boolean stale) {
        List<String> out = new ArrayList<>();
        if (mode.allowsDigest()) {
            out.addAll(digest.challenges(stale));
        }
        if (mode.allowsBasic()) {
            out.add("Basic realm=\"" + digest.realm() + "\", charset=\"UTF-8\"");
        }
        return out;
    }

    private static CompletableFuture<GateResult> denied(int status, Outcome outcome, List<String> challenges,
            Optional<String> org, Optional<MacAddress> mac, Optional<YealinkUserAgent> ua, String detail) {
        return done(new GateResult.Denied(status, outcome, challenges, org, mac, ua, detail));
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Attempt {

        CredentialSet set;
        Outcome outcome;
        String detail;
        boolean stale;

        Attempt(Outcome outcome, String detail) {
            this.outcome = outcome;
            this.detail = detail;
        }

        static Attempt ok(CredentialSet set) {
            Attempt a = new Attempt(Outcome.SUCCESS, null);
            a.set = set;
            return a;
        }

        void detailIfDefault(String d) {
            if ("wrong credentials".equals(detail)) {
                detail = d;
            }
        }
    }
}
