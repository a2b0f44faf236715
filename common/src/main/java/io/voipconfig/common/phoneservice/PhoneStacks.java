package io.voipconfig.common.phoneservice;

import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.jboss.logging.Logger;

import io.vertx.mutiny.sqlclient.Pool;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.common.phone.PhoneGate;
import io.voipconfig.common.phoneauth.ClientAddress;
import io.voipconfig.common.phoneauth.DigestAlgorithm;
import io.voipconfig.common.phoneauth.DigestAuthenticator;
import io.voipconfig.common.phoneauth.FailureThrottle;

/** Builds the phone-authentication pieces of a phone-facing service from its configuration. */
public final class PhoneStacks {

    private static final Logger LOG = Logger.getLogger(PhoneStacks.class);

    private PhoneStacks() {
    }

    public static SecretCipher secretCipher(PhoneServiceConfig config) {
        return SecretCipher.fromSpec(config.secrets().activeKey(), config.secrets().keys());
    }

    public static PhoneDirectory directory(Pool pool, SecretCipher cipher, PhoneServiceConfig config) {
        return new PhoneDirectory(pool, cipher, config.cache().ttl(), config.cache().maxEntries());
    }

    public static ClientAddress clientAddress(PhoneServiceConfig config) {
        return new ClientAddress(config.phoneAuth().trustedProxies().orElse(List.of()));
    }

    public static PhoneGate gate(PhoneDirectory directory, PhoneServiceConfig config) {
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
                Clock.systemUTC(), 1_000_000);
        FailureThrottle throttle = new FailureThrottle(config.throttle().maxFailures(), config.throttle().window(),
                config.throttle().blockFor(), Clock.systemUTC(), 1_000_000);
        return new PhoneGate(directory, digest, throttle,
                ip -> LOG.warnf("phone requests from %s blocked for %s after repeated failures", ip,
                        config.throttle().blockFor()));
    }
}
