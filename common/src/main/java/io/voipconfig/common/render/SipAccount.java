package io.voipconfig.common.render;

/** One SIP account of a device, as rendered into its MAC file; {@code password} in clear, never logged. */
public record SipAccount(
        int index,
        String label,
        String displayName,
        String userName,
        String authName,
        String password,
        String server,
        int port,
        String transport) {

    @Override
    public String toString() {
        return "SipAccount[" + index + " " + userName + "@" + server + "]";
    }
}
