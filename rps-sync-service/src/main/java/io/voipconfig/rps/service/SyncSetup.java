package io.voipconfig.rps.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.rps.client.CallPacer;
import io.voipconfig.rps.client.RedirectService;
import io.voipconfig.rps.client.RpsJsonClient;
import io.voipconfig.rps.config.RpsSyncConfig;

/** The redirect service and the secret cipher from configuration, and the clock. */
@ApplicationScoped
public class SyncSetup {

    @Produces
    @Singleton
    RedirectService redirectService(RpsSyncConfig config) {
        return new RpsJsonClient(config.rps().baseUrl(), config.rps().accessKeyId(), config.rps().accessKeySecret(),
                config.rps().timeout(), new CallPacer(config.rps().ratePerSecond()));
    }

    @Produces
    @Singleton
    SecretCipher secretCipher(RpsSyncConfig config) {
        return SecretCipher.fromSpec(config.secrets().activeKey(), config.secrets().keys());
    }

    /** The time the reconciliation runs' limits count in; tests move it instead of waiting. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
