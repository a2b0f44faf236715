package io.voipconfig.common.phoneauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

/**
 * HTTP Digest for phones (RFC 7616, {@code qop=auth}, MD5 and SHA-256).
 *
 * <p>Nonces are issued by the server and signed:
 * {@code base64url(issuedAtMillis ‖ replica ‖ 8 random bytes ‖ HMAC-SHA256[0..16))}, where {@code replica} is 8 random
 * bytes drawn when this authenticator (one per process) is made. A nonce expires after {@code nonceTtl}; a correct
 * answer to an expired nonce gets {@code stale=true}. The counts each nonce was used with are remembered in this process
 * and a repeated {@code nc} is a replay. A nonce is accepted only by the replica that issued it: its memory of the
 * counts is complete, so an answer captured at one replica and sent to another, or to this one after a restart, is not
 * a way round it — a correct answer to another replica's nonce gets {@code stale=true} (RFC 7616 §3.3: the nonce is not
 * valid here, the digest is), and the phone answers this replica's nonce: one more round trip when a phone changes
 * replica, no shared store on the phone path. The shared key still tells another replica's nonce from a forged one.
 * The memory is bounded in bytes, not entries; when it is full the least used nonces are forgotten, and a forgotten
 * nonce is never accepted again: every nonce issued no later than the newest one forgotten that is not remembered gets
 * {@code stale=true} (the phone is asked again with a fresh nonce — one more round trip, never a replay).
 */
public final class DigestAuthenticator {

    /** Outcome of checking a Digest answer. */
    public enum Result {
        /** Authenticated. */
        OK,
        /** Right password, but the nonce expired: challenge again with {@code stale=true}. */
        STALE,
        /** Not a nonce we issued, or not for this request (realm, URI). */
        INVALID,
        /** The nonce count was used before. */
        REPLAY,
        /** The response does not match the password. */
        WRONG_CREDENTIALS
    }

    private static final int SIGNED_BYTES = 8 + 8 + 8;
    private static final int NONCE_BYTES = SIGNED_BYTES + 16;
    /**
     * What one remembered nonce costs on the heap, estimated from its parts: the window (32-byte object, 144-byte
     * ring), the 54-character key (about 110 bytes), the cache's node and map entry (about 110 bytes).
     */
    static final int REMEMBERED_NONCE_BYTES = 400;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] nonceKey;
    /** This replica's part of every nonce it issues; only nonces carrying it are accepted here. */
    private final long replica = RANDOM.nextLong();
    private final Duration nonceTtl;
    private final String realm;
    private final List<DigestAlgorithm> offered;
    private final Clock clock;
    private final Cache<String, ReplayWindow> nonceCounts;
    /** The issue time of the newest nonce forgotten because the memory was full; -1 while none was. */
    private final AtomicLong forgottenUpTo = new AtomicLong(-1);
    private final ThreadLocal<Mac> hmacs;
    /** HA1 depends only on the credentials: computed once per organization, not per request. */
    private final Cache<Ha1Key, String> ha1s = Caffeine.newBuilder().maximumSize(10_000).build();

    private record Ha1Key(DigestAlgorithm algorithm, String username, String password) {

        @Override
        public String toString() {
            return "Ha1Key[" + algorithm + " " + username + "]";
        }
    }

    /**
     * @param nonceKey HMAC key for nonces, at least 16 bytes; replicas behind one host share it (so that a nonce of
     *        another replica is told from a forged one)
     * @param offered algorithms in the order offered (clients take the first they support)
     * @param replayMemoryBytes heap for remembering used nonces (about {@value #REMEMBERED_NONCE_BYTES} bytes each)
     */
    public DigestAuthenticator(byte[] nonceKey, Duration nonceTtl, String realm, List<DigestAlgorithm> offered,
            Clock clock, long replayMemoryBytes) {
        if (nonceKey.length < 16) {
            throw new IllegalArgumentException("the Digest nonce key must be at least 16 bytes");
        }
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("offer at least one Digest algorithm");
        }
        this.nonceKey = nonceKey.clone();
        this.nonceTtl = nonceTtl;
        this.realm = realm;
        this.offered = List.copyOf(offered);
        this.clock = clock;
        byte[] key = this.nonceKey;
        this.hmacs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        // evictions run on the caller's thread (cheap), so the forgotten bound is raised before the next check
        this.nonceCounts = Caffeine.newBuilder().executor(Runnable::run).expireAfterWrite(nonceTtl.plusMinutes(1))
                .maximumWeight(replayMemoryBytes).weigher((String k, ReplayWindow w) -> REMEMBERED_NONCE_BYTES)
                .evictionListener((String k, ReplayWindow w, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE && w != null) {
                        forgottenUpTo.accumulateAndGet(w.issuedAt, Math::max);
                    }
                }).build();
    }

    public String realm() {
        return realm;
    }

    /** One {@code WWW-Authenticate} value per offered algorithm, each with a fresh nonce. */
    public List<String> challenges(boolean stale) {
        return offered.stream().map(a -> "Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=" + a.headerName()
                + ", nonce=\"" + newNonce() + "\"" + (stale ? ", stale=true" : "")).toList();
    }

    /**
     * @param method the request method as sent
     * @param requestUri the request target as sent (path and query, not decoded)
     * @param username the expected user name
     * @param password the expected password
     */
    public Result verify(PhoneCredentials.Digest d, String method, String requestUri, String username,
            String password) {
        DigestAlgorithm algorithm = DigestAlgorithm.of(d.algorithm()).orElse(null);
        if (algorithm == null || !offered.contains(algorithm) || !realm.equals(d.realm())
                || !requestUri.equals(d.uri())) {
            return Result.INVALID;
        }
        ByteBuffer nonce = signedNonce(d.nonce());
        if (nonce == null) {
            return Result.INVALID;
        }
        long issuedAt = nonce.getLong(0);
        String ha1 = ha1s.get(new Ha1Key(algorithm, d.username(), password),
                k -> algorithm.hex(k.username() + ":" + realm + ":" + k.password()));
        String expected = algorithm.hex(ha1 + ":" + d.nonce() + ":" + d.nc() + ":" + d.cnonce() + ":" + d.qop() + ":"
                + algorithm.hex(method + ":" + d.uri()));
        boolean userOk = constantTimeEquals(username, d.username());
        boolean responseOk = constantTimeEquals(expected, d.response().toLowerCase(Locale.ROOT));
        if (!userOk || !responseOk) {
            return Result.WRONG_CREDENTIALS;
        }
        // Another replica's nonce (or one from before this process started): its counts are not remembered here.
        if (nonce.getLong(8) != replica || clock.millis() - issuedAt > nonceTtl.toMillis()) {
            return Result.STALE;
        }
        long nc = Long.parseLong(d.nc(), 16);
        // A nonce not remembered (any more) from before the newest one forgotten may have been used: never accept it.
        ReplayWindow window = nonceCounts.get(d.nonce(),
                k -> issuedAt <= forgottenUpTo.get() ? null : new ReplayWindow(issuedAt));
        if (window == null) {
            return Result.STALE;
        }
        return window.accept(nc) ? Result.OK : Result.REPLAY;
    }

    /** RFC 7616 §3.4.1 {@code response} for {@code qop=auth}. */
    public static String response(DigestAlgorithm algorithm, String username, String realm, String password,
            String method, String uri, String nonce, String nc, String cnonce, String qop) {
        String ha1 = algorithm.hex(username + ":" + realm + ":" + password);
        String ha2 = algorithm.hex(method + ":" + uri);
        return algorithm.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    String newNonce() {
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
        b.putLong(clock.millis());
        b.putLong(replica);
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        b.put(random);
        b.put(hmac(b.array(), SIGNED_BYTES), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** A nonce signed with our key and not issued in the future, or null. */
    private ByteBuffer signedNonce(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != NONCE_BYTES) {
            return null;
        }
        byte[] mac = hmac(raw, SIGNED_BYTES);
        byte[] given = Arrays.copyOfRange(raw, SIGNED_BYTES, NONCE_BYTES);
        if (!MessageDigest.isEqual(Arrays.copyOf(mac, 16), given)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        return b.getLong(0) <= clock.millis() + 60_000 ? b : null;
    }

    private byte[] hmac(byte[] data, int length) {
        Mac mac = hmacs.get(); // initialized once per thread: getInstance and the key schedule are not free
        mac.update(data, 0, length);
        return mac.doFinal();
    }

    /**
     * Each nonce count is accepted once. Counts may arrive out of order (a client reusing one nonce on parallel
     * connections), so the last {@value #WINDOW} counts up to the highest are tracked in a ring of bits, as an IPsec
     * anti-replay window does; anything older is refused. O(1) per request, 128 bytes per nonce.
     */
    static final class ReplayWindow {

        static final int WINDOW = 1024;
        final long issuedAt;
        private long highest;
        private final long[] ring = new long[WINDOW / 64];

        ReplayWindow(long issuedAt) {
            this.issuedAt = issuedAt;
        }

        synchronized boolean accept(long nc) {
            if (nc <= 0) {
                return false;
            }
            if (nc > highest) {
                if (nc - highest >= WINDOW) {
                    Arrays.fill(ring, 0);
                } else {
                    for (long c = highest + 1; c < nc; c++) {
                        clear(c);
                    }
                }
                highest = nc;
                set(nc);
                return true;
            }
            if (highest - nc >= WINDOW || isSet(nc)) {
                return false;
            }
            set(nc);
            return true;
        }

        private boolean isSet(long c) {
            int i = (int) (c % WINDOW);
            return (ring[i >> 6] & (1L << (i & 63))) != 0;
        }

        private void set(long c) {
            int i = (int) (c % WINDOW);
            ring[i >> 6] |= 1L << (i & 63);
        }

        private void clear(long c) {
            int i = (int) (c % WINDOW);
            ring[i >> 6] &= ~(1L << (i & 63));
        }
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
