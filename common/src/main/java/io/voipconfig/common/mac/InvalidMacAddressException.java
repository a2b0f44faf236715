package io.voipconfig.common.mac;

/** A MAC address that cannot be accepted; the message says why and is safe to show to a user. */
public class InvalidMacAddressException extends IllegalArgumentException {

    public InvalidMacAddressException(String message) {
        super(message);
    }
}
