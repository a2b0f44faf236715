package io.voipconfig.media.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.vertx.mutiny.sqlclient.Pool;
import io.voipconfig.common.crypto.SecretCipher;
import io.voipconfig.common.phone.PhoneDirectory;
import io.voipconfig.common.phone.PhoneGate;
import io.voipconfig.common.phoneauth.ClientAddress;
import io.voipconfig.common.phoneservice.PhoneStacks;
import io.voipconfig.media.config.MediaServiceConfig;

/** The shared phone-authentication pieces as CDI beans. */
@ApplicationScoped
public class PhoneStack {

    @Produces
    @Singleton
    SecretCipher secretCipher(MediaServiceConfig config) {
        return PhoneStacks.secretCipher(config);
    }

    @Produces
    @Singleton
    PhoneDirectory phoneDirectory(Pool pool, SecretCipher cipher, MediaServiceConfig config) {
        return PhoneStacks.directory(pool, cipher, config);
    }

    @Produces
    @Singleton
    ClientAddress clientAddress(MediaServiceConfig config) {
        return PhoneStacks.clientAddress(config);
    }

    @Produces
    @Singleton
    PhoneGate phoneGate(PhoneDirectory directory, MediaServiceConfig config) {
        return PhoneStacks.gate(directory, config);
    }
}
