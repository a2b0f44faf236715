package io.voipconfig.common.phone;

/** Which HTTP authentication an organization's phones may use. */
public enum AuthMode {

    DIGEST,
    BASIC,
    BOTH;

    public boolean allowsDigest() {
        return this != BASIC;
    }

    public boolean allowsBasic() {
        return this != DIGEST;
    }
}
