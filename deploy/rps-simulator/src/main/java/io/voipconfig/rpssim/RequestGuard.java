package io.voipconfig.rpssim;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

import io.smallrye.mutiny.Uni;
import io.voipconfig.common.rps.RpsSignature;

/**
 * What RPS checks before it looks at a request: the {@code X-Ca-*} signature over the exact body bytes, the timestamp
 * window, nonce reuse — and, for fault injection, a share of calls answered 500, 429 or late.
 */
@ApplicationScoped
public class RequestGuard {

    /** A refusal before the business logic: HTTP status plus RPS error key. */
    public static final class Refused extends RuntimeException {

        final int status;
        final String key;

        Refused(int status, String key) {
            super(key);
            this.status = status;
            this.key = key;
        }
    }

    /**
     * Fault shares in force (changeable at runtime through /sim/faults). {@code holdAnswers}: every call's work is done
     * at once and its answer held back until the faults are set again without it — a late RPS whose lateness a test
     * controls instead of timing it.
     */
    public record Faults(
            double errorShare,
            double throttleShare,
            double slowShare,
            Duration slowDelay,
            boolean holdAnswers) {
    }

    private final SimulatorConfig config;
    private final Stats stats;
    private final Map<String, Long> nonces = new LinkedHashMap<>();
    private volatile Faults faults;
    /** Completed unless answers are held; replaced by a new one when holding starts, completed when it ends. */
    private volatile CompletableFuture<Void> release = CompletableFuture.completedFuture(null);

    public RequestGuard(SimulatorConfig config, Stats stats) {
        this.config = config;
        this.stats = stats;
        this.faults = new Faults(config.errorShare(), config.throttleShare(), config.slowShare(), config.slowDelay(),
                false);
    }

    public Faults faults() {
        return faults;
    }

    public synchronized void faults(Faults faults) {
        this.faults = faults;
        if (faults.holdAnswers() && release.isDone()) {
            release = new CompletableFuture<>();
        } else if (!faults.holdAnswers()) {
            release.complete(null);
        }
    }

    /** Completes when answers may go out: at once, or when held answers are released. */
    public Uni<Void> released() {
        return Uni.createFrom().completionStage(release);
    }

    /**
     * Answers how long to hold the answer back (zero, or the slow delay of an injected slow answer: the work is done at
     * once, as by an RPS that answers late) when the request may proceed; fails with {@link Refused} otherwise.
     */
    public Uni<Duration> check(String method, String path, MultivaluedMap<String, String> query, byte[] body,
            HttpHeaders headers) {
        String key = headers.getHeaderString(RpsSignature.KEY);
        String nonce = headers.getHeaderString(RpsSignature.NONCE);
        String ts = headers.getHeaderString(RpsSignature.TIMESTAMP);
        String signature = headers.getHeaderString(RpsSignature.SIGNATURE);
        if (key == null || nonce == null || ts == null || signature == null) {
            return refused(401, "service.common.token.unauthorized");
        }
        if (!key.equals(config.accessKeyId())) {
            return refused(401, "accesskey.id.invalid");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return refused(401, "timestamp.invalid");
        }
        long now = System.currentTimeMillis();
        if (Math.abs(now - timestamp) > config.timestampWindow().toMillis()) {
            return refused(401, "timestamp.expired");
        }
        Map<String, String> params = new LinkedHashMap<>();
        query.forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        byte[] signedBody = body == null || body.length == 0 ? null : body;
        if (signedBody != null && headers.getHeaderString(RpsSignature.CONTENT_MD5) == null) {
            return refused(401, "Content.MD5.invalid");
        }
        if (!RpsSignature.verify(method, path, params, signedBody, key, nonce, ts,
                headers.getHeaderString(RpsSignature.CONTENT_MD5), signature, config.accessKeySecret())) {
            return refused(401, "signature.invalid");
        }
        synchronized (nonces) {
            for (Iterator<Long> it = nonces.values().iterator(); it.hasNext();) {
                if (it.next() < now) {
                    it.remove();
                } else {
                    break; // insertion order is expiry order
                }
            }
            if (nonces.putIfAbsent(nonce, now + config.timestampWindow().toMillis() * 2) != null) {
                return refused(401, "nonce.replayed");
            }
        }
        Faults f = faults;
        double roll = ThreadLocalRandom.current().nextDouble();
        if (roll < f.errorShare()) {
            return refused(500, "service.internal.error");
        }
        if (roll < f.errorShare() + f.throttleShare()) {
            return refused(429, "service.rate.limited");
        }
        if (f.holdAnswers()) {
            stats.count(path.replaceFirst("^.*/api/open/v1/", ""), "fault:held"); // done now, answered on release
        }
        if (roll < f.errorShare() + f.throttleShare() + f.slowShare()) {
            stats.count(path.replaceFirst("^.*/api/open/v1/", ""), "fault:slow"); // done now, answered late
            return Uni.createFrom().item(f.slowDelay());
        }
        return Uni.createFrom().item(Duration.ZERO);
    }

    private static Uni<Duration> refused(int status, String key) {
        return Uni.createFrom().failure(new Refused(status, key));
    }
}
