package io.voipconfig.phoneservice;

import java.time.Clock;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.vertx.mutiny.sqlclient.Pool;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.common.phone.PhoneGate;
import io.voipconfig.common.phoneauth.ClientAddress;
import io.voipconfig.common.phoneauth.DigestAlgorithm;
import io.voipconfig.common.phoneauth.DigestAuthenticator;
import io.voipconfig.common.phoneauth.FailureThrottle;

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
    PhoneDirectory phoneDirectory(Pool pool, SecretCipher cipher, PhoneServiceConfig config) {
        return new PhoneDirectory(pool, cipher, config.cache().ttl(), config.cache().partnerTtl(),
                config.cache().maxEntries(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    ClientAddress clientAddress(PhoneServiceConfig config) {
        return new ClientAddress(config.phoneAuth().trustedProxies().orElse(List.of()));
    }

    @Produces
    @Singleton
    PhoneGate phoneGate(PhoneDirectory directory, PhoneServiceConfig config) {
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
        FailureThrottle throttle = new FailureThrottle(config.throttle().maxFailures(), config.throttle().window(),
                config.throttle().blockFor(), Clock.systemUTC(), 1_000_000);
        return new PhoneGate(directory, digest, throttle,
                ip -> LOG.warnf("phone requests from %s blocked for %s after repeated failures", ip,
                        config.throttle().blockFor()),
                Clock.systemUTC());
    }
}
