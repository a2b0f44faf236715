package io.voipconfig.common.crypto;

/** A stored secret could not be decrypted. The message never contains key material or plaintext. */
public class SecretDecryptionException extends RuntimeException {

    public SecretDecryptionException(String message) {
        super(message);
    }
}
