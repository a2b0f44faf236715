package io.voipconfig.rps.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.rps.client.CallPacer;
import io.voipconfig.rps.client.RedirectService;
import io.voipconfig.rps.client.RpsJsonClient;
import io.voipconfig.rps.config.RpsSyncConfig;

/** The redirect service and the secret cipher from configuration. */
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
}
