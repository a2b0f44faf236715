package io.voipconfig.common.phoneauth;

import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What the phone-facing services refuse with 429, keyed by what failed (docs/security.md, "Guessing and lockout"):
 * <ul>
 * <li>wrong credentials (and replays) per (address, user name), and per user name across addresses; an address that
 * has authenticated with that user name before is not held by the second, so spraying a tenant's user name from
 * elsewhere does not lock that tenant's own phones out;</li>
 * <li>a MAC outside the organization the credentials prove, per (address, user name) only;</li>
 * <li>failures no identity can be tied to (an unknown organization, an unreadable {@code Authorization} header), per
 * address, with a much higher ceiling;</li>
 * <li>requests without credentials per address: never a failure, but at most so many per window that were not
 * answered by credentials that matched from that address (a site behind NAT rebooting together asks for many
 * challenges and answers each).</li>
 * </ul>
 * One tenant's failures count against its own user name only, so they never hold another tenant's phones behind the
 * same address (carrier NAT). IPv6 addresses count by their /64, what one subscriber gets. Every key table is bounded
 * ({@link KeyedLimit}).
 */
public final class PhoneThrottle {

    /** Why a request was refused; the {@code reason} tag of {@code voipconfig.phone.throttled}. */
    public enum Reason {

        WRONG_CREDENTIALS_FROM_ADDRESS("wrong-credentials-from-address"),
        WRONG_CREDENTIALS_FOR_USER("wrong-credentials-for-user"),
        FAILURES_FROM_ADDRESS("failures-from-address"),
        UNAUTHENTICATED_FROM_ADDRESS("unauthenticated-from-address");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /**
     * @param wrongCredentialsPerAddress wrong credentials from one address for one user name that block the pair
     * @param wrongCredentialsPerUser wrong credentials for one user name from all addresses that block it (for
     *        addresses that never authenticated with it)
     * @param failuresPerAddress other failures from one address that block the address
     * @param unauthenticatedPerAddress requests without credentials from one address per window
     * @param window the window all of these are counted in; the rate of requests without credentials lifts after it
     * @param blockFor how long a block by failures lasts
     * @param maxKeys keys remembered per table
     */
    public record Limits(
            int wrongCredentialsPerAddress,
            int wrongCredentialsPerUser,
            int failuresPerAddress,
            int unauthenticatedPerAddress,
            Duration window,
            Duration blockFor,
            long maxKeys) {
    }

    /** What the throttle does, for logs and metrics. */
    public interface Listener {

        /** Once when a block starts (log it); {@code username} is null for the address-keyed reasons. */
        void blocked(Reason reason, String address, String username);

        /** Each request refused (count it). */
        void refused(Reason reason);
    }

    /** How long an address that authenticated with a user name stays exempt from that user name's block. */
    static final Duration KNOWN_GOOD = Duration.ofDays(1);

    private final Limits limits;
    private final KeyedLimit addressUser;
    private final KeyedLimit user;
    private final KeyedLimit address;
    private final KeyedLimit unauthenticated;
    private final Cache<String, Boolean> knownGood;
    private final Cache<String, Boolean> reported;
    private final Listener listener;

    public PhoneThrottle(Limits limits, Clock clock, Listener listener) {
        this.limits = limits;
        this.addressUser = new KeyedLimit(limits.wrongCredentialsPerAddress(), limits.window(), limits.blockFor(),
                clock, limits.maxKeys());
        this.user = new KeyedLimit(limits.wrongCredentialsPerUser(), limits.window(), limits.blockFor(), clock,
                limits.maxKeys());
        this.address = new KeyedLimit(limits.failuresPerAddress(), limits.window(), limits.blockFor(), clock,
                limits.maxKeys());
        this.unauthenticated = new KeyedLimit(limits.unauthenticatedPerAddress(), limits.window(), limits.window(),
                clock, limits.maxKeys());
        this.knownGood = Caffeine.newBuilder().expireAfterWrite(KNOWN_GOOD).maximumSize(limits.maxKeys())
                .ticker(() -> clock.millis() * 1_000_000L).build();
        this.reported = Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(limits.maxKeys())
                .ticker(() -> clock.millis() * 1_000_000L).build();
        this.listener = listener;
    }

    /**
     * Before anything is looked up: is the address blocked by failures, or (a request without credentials) over its
     * rate? A request without credentials counts towards that rate, never as a failure.
     */
    public Optional<Reason> admit(String ip, boolean hasCredentials) {
        String a = subscriber(ip);
        if (address.isBlocked(a)) {
            return refuse(Reason.FAILURES_FROM_ADDRESS);
        }
        if (!hasCredentials) {
            if (unauthenticated.isBlocked(a)) {
                return refuse(Reason.UNAUTHENTICATED_FROM_ADDRESS);
            }
            if (unauthenticated.count(a)) {
                listener.blocked(Reason.UNAUTHENTICATED_FROM_ADDRESS, ip, null);
            }
        }
        return Optional.empty();
    }

    /** Before credentials for {@code username} are checked: is the pair, or the user name, blocked? */
    public Optional<Reason> admitCredentials(String ip, String username) {
        String pair = pair(ip, username);
        if (addressUser.isBlocked(pair)) {
            return refuse(Reason.WRONG_CREDENTIALS_FROM_ADDRESS);
        }
        if (user.isBlocked(username) && knownGood.getIfPresent(pair) == null) {
            return refuse(Reason.WRONG_CREDENTIALS_FOR_USER);
        }
        return Optional.empty();
    }

    /** Credentials that matched nothing (or replayed a nonce count). */
    public void wrongCredentials(String ip, String username) {
        failedAs(ip, username);
        if (user.count(username)) {
            listener.blocked(Reason.WRONG_CREDENTIALS_FOR_USER, null, username);
        }
    }

    /** A failure of a request whose credentials were right (a MAC outside their organization): the pair only. */
    public void failedAs(String ip, String username) {
        if (addressUser.count(pair(ip, username))) {
            listener.blocked(Reason.WRONG_CREDENTIALS_FROM_ADDRESS, ip, username);
        }
    }

    /** A failure no identity can be tied to. */
    public void failure(String ip) {
        if (address.count(subscriber(ip))) {
            listener.blocked(Reason.FAILURES_FROM_ADDRESS, ip, null);
        }
    }

    /**
     * Credentials for {@code username} were right from {@code ip}: its block by spreading does not hold them, and the
     * challenge they answered no longer counts against the address's rate of requests without credentials.
     */
    public void authenticated(String ip, String username) {
        unauthenticated.forgive(subscriber(ip));
        String pair = pair(ip, username);
        if (knownGood.getIfPresent(pair) == null) { // a read, not a write, on the hot path of a reboot storm
            knownGood.put(pair, Boolean.TRUE);
        }
    }

    /**
     * Is this the first refusal of {@code ip} for {@code reason} in the window? Only that one is worth an activity
     * event: refusals cost the sender nothing, so one per request would let a flood through to Kafka; the metric counts
     * them all.
     */
    public boolean firstRefusal(String ip, String reason) {
        return reported.asMap().putIfAbsent(subscriber(ip) + "\n" + reason, Boolean.TRUE) == null;
    }

    /** What a refusal for {@code reason} should tell the client to wait. */
    public Duration retryAfter(Reason reason) {
        return reason == Reason.UNAUTHENTICATED_FROM_ADDRESS ? limits.window() : limits.blockFor();
    }

    private Optional<Reason> refuse(Reason reason) {
        listener.refused(reason);
        return Optional.of(reason);
    }

    private static String pair(String ip, String username) {
        return subscriber(ip) + "\n" + username;
    }

    /** An IPv4 address as it is; an IPv6 address as its /64 ({@code 2001:db8:0:1::/64}). */
    static String subscriber(String ip) {
        if (ip == null || ip.indexOf(':') < 0) {
            return ip;
        }
        byte[] a = ClientAddress.literal(ip);
        if (a == null || a.length != 16) {
            return ip;
        }
        return HexFormat.of().formatHex(a, 0, 8) + "::/64";
    }
}
