package io.voipconfig.portal.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import io.voipconfig.common.rpssync.MirrorStatus;
import io.voipconfig.common.rpssync.ReconciliationReport;
import io.voipconfig.common.rpssync.RpsCallPage;
import io.voipconfig.portal.problem.ApiException;

/**
 * rps-sync-service as portal-api sees it: 3 s per call, two retries on failure, and a circuit breaker that stops
 * calling for 10 s after half of the last 10 calls failed. Whatever goes wrong becomes a 503 problem for the caller;
 * rps-sync-service's refusal of a run (409: one of the organization's is in flight, 429: a rate limit, with its
 * Retry-After) is passed on as it gave it.
 */
@ApplicationScoped
public class RpsSync {

    private static final Logger LOG = Logger.getLogger(RpsSync.class);

    private final Calls calls;

    public RpsSync(Calls calls) {
        this.calls = calls;
    }

    public Uni<MirrorStatus> status(UUID organizationId) {
        return guarded(calls.status(organizationId));
    }

    public Uni<RpsCallPage> history(UUID organizationId, String mac, Integer page, Integer size) {
        return guarded(calls.history(organizationId, mac, page, size));
    }

    public Uni<ReconciliationReport> resync(UUID organizationId) {
        return guarded(calls.resync(organizationId));
    }

    public Uni<ReconciliationReport> reconciliation(UUID organizationId) {
        return guarded(calls.reconciliation(organizationId));
    }

    private static <T> Uni<T> guarded(Uni<T> call) {
        return call.onFailure().transform(e -> {
            if (e instanceof ApiException) {
                return e;
            }
            if (e instanceof RpsSyncRefusal refused) {
                return refused.status() == 429
                        ? ApiException.rateLimited(refused.getMessage(), refused.retryAfterSeconds())
                        : ApiException.inProgress(refused.getMessage());
            }
            if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 404) {
                return ApiException.notFound("rps-sync-service knows nothing of this organization yet");
            }
            if (e instanceof CircuitBreakerOpenException) {
                return ApiException.unavailable("rps-sync-service is failing; calls are paused for a few seconds");
            }
            LOG.warnf("rps-sync-service call failed: %s", e.toString());
            return ApiException.unavailable("rps-sync-service is unavailable: " + e.getClass().getSimpleName());
        });
    }

    /** The fault-tolerant calls; a bean of their own so that the interceptors apply. */
    @ApplicationScoped
    public static class Calls {

        private final RpsSyncApi api;

        public Calls(@RestClient RpsSyncApi api) {
            this.api = api;
        }

        @AsynchronousNonBlocking
        @Timeout(value = 3, unit = ChronoUnit.SECONDS)
        @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = {CircuitBreakerOpenException.class})
        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
        public Uni<MirrorStatus> status(UUID organizationId) {
            return api.status(organizationId);
        }

        @AsynchronousNonBlocking
        @Timeout(value = 3, unit = ChronoUnit.SECONDS)
        @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = {CircuitBreakerOpenException.class})
        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
        public Uni<RpsCallPage> history(UUID organizationId, String mac, Integer page, Integer size) {
            return api.history(organizationId, mac, page, size);
        }

        /**
         * Not retried: a resync is not worth starting twice when the first answer was merely slow. A refusal (one in
         * flight, a rate limit) is an answer, so it does not count against the circuit.
         */
        @AsynchronousNonBlocking
        @Timeout(value = 5, unit = ChronoUnit.SECONDS)
        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS, skipOn = RpsSyncRefusal.class)
        public Uni<ReconciliationReport> resync(UUID organizationId) {
            return api.resync(organizationId);
        }

        /** Not retried either: it lists RPS as a resync does, which is not worth doing twice for a slow answer. */
        @AsynchronousNonBlocking
        @Timeout(value = 5, unit = ChronoUnit.SECONDS)
        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS, skipOn = RpsSyncRefusal.class)
        public Uni<ReconciliationReport> reconciliation(UUID organizationId) {
            return api.reconciliation(organizationId);
        }
    }
}
