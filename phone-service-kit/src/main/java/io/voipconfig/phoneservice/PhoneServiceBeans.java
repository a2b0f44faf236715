package io.voipconfig.phoneservice;

import java.time.Clock;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.common.phone.PhoneGate;
import io.voipconfig.common.phoneauth.ClientAddress;
import io.voipconfig.common.phoneauth.DigestAlgorithm;
import io.voipconfig.common.phoneauth.DigestAuthenticator;
import io.voipconfig.common.phoneauth.PhoneThrottle;

/** The phone-authentication pieces every phone-facing service runs on, built from {@link PhoneServiceConfig}. */
@ApplicationScoped
public class PhoneServiceBeans {

    private static final Logger LOG = Logger.getLogger(PhoneServiceBeans.class);

    @Produces
    @Singleton
    SecretCipher secretCipher(PhoneServiceConfig config) {
        return SecretCipher.fromSpec(config.secrets().activeKey(), config.secrets().keys());
    }

    @Produces
    @Singleton
    CacheBudget cacheBudget(PhoneServiceConfig config) {
        CacheBudget budget = CacheBudget.of(Runtime.getRuntime().maxMemory(), config.cache().heapShare(),
                config.cache().directoryShare());
        LOG.infof("caches may take %d MiB of the heap: %d MiB for organizations and devices, %d MiB for files",
                (budget.directoryBytes() + budget.filesBytes()) >> 20, budget.directoryBytes() >> 20,
                budget.filesBytes() >> 20);
        return budget;
    }

    @Produces
    @Singleton
    PhoneDirectory phoneDirectory(Pool pool, SecretCipher cipher, PhoneServiceConfig config, CacheBudget budget,
            MeterRegistry registry) {
        PhoneDirectory directory = new PhoneDirectory(pool, cipher, config.cache().ttl(), config.cache().partnerTtl(),
                budget.directoryBytes(), Clock.systemUTC());
        directory.caches().forEach((name, cache) -> CacheBudget.monitor(registry, name, cache.synchronous()));
        return directory;
    }

    @Produces
    @Singleton
    ClientAddress clientAddress(PhoneServiceConfig config) {
        return new ClientAddress(config.phoneAuth().trustedProxies().orElse(List.of()));
    }

    /** Its refusals are counted as {@code voipconfig.phone.throttled{reason}}; each block is logged once. */
    @Produces
    @Singleton
    PhoneThrottle phoneThrottle(PhoneServiceConfig config, MeterRegistry registry) {
        PhoneServiceConfig.Throttle t = config.throttle();
        Map<PhoneThrottle.Reason, Counter> refused = new EnumMap<>(PhoneThrottle.Reason.class);
        for (PhoneThrottle.Reason reason : PhoneThrottle.Reason.values()) {
            refused.put(reason, Counter.builder("voipconfig.phone.throttled")
                    .description("Phone requests refused with 429, by what was over its limit")
                    .tag("reason", reason.tag()).register(registry));
        }
        return new PhoneThrottle(new PhoneThrottle.Limits(t.wrongCredentialsPerAddress(), t.wrongCredentialsPerUser(),
                t.failuresPerAddress(), t.unauthenticatedPerAddress(), t.window(), t.blockFor(), t.maxKeys()),
                Clock.systemUTC(), new PhoneThrottle.Listener() {

                    @Override
                    public void blocked(PhoneThrottle.Reason reason, String ip, String username) {
                        switch (reason) {
                            case WRONG_CREDENTIALS_FROM_ADDRESS -> LOG.warnf(
                                    "phone requests from %s blocked for %s (wrong credentials for user name %s)", ip,
                                    t.blockFor(), username);
                            case WRONG_CREDENTIALS_FOR_USER -> LOG.warnf("phone requests with user name %s blocked"
                                    + " for %s from addresses that never authenticated with it (wrong credentials"
                                    + " from many addresses)", username, t.blockFor());
                            case FAILURES_FROM_ADDRESS -> LOG.warnf(
                                    "phone requests from %s blocked for %s (repeated failures)", ip, t.blockFor());
                            case UNAUTHENTICATED_FROM_ADDRESS -> LOG.infof(
                                    "phone requests without credentials from %s over %d per %s", ip,
                                    t.unauthenticatedPerAddress(), t.window());
                        }
                    }

                    @Override
                    public void refused(PhoneThrottle.Reason reason) {
                        refused.get(reason).increment();
                    }
                });
    }

    @Produces
    @Singleton
    PhoneGate phoneGate(PhoneDirectory directory, PhoneThrottle throttle, PhoneServiceConfig config) {
        PhoneServiceConfig.PhoneAuth auth = config.phoneAuth();
        List<DigestAlgorithm> algorithms = auth.digestAlgorithms().stream()
                .map(a -> DigestAlgorithm.of(a.strip()).orElseThrow(() -> new IllegalArgumentException(
                        "voipconfig.phone-auth.digest-algorithms: unsupported algorithm " + a)))
                .toList();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(auth.nonceKey().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("voipconfig.phone-auth.nonce-key must be base64");
        }
        DigestAuthenticator digest = new DigestAuthenticator(key, auth.nonceTtl(), auth.realm(), algorithms,
                Clock.systemUTC(), auth.replayMemory().asLongValue());
        return new PhoneGate(directory, digest, throttle, Clock.systemUTC());
    }
}
