package io.voipconfig.portal.security;

import java.security.SecureRandom;

/** Passwords the platform makes for people so that nobody has to invent one. */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Letters and digits without look-alikes (0/O, 1/l/I): read off a screen or dictated without mistakes. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private Passwords() {
    }

    /** {@code length} characters of the alphabet, about 5.8 bits each (20 → 115 bits). */
    public static String generate(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
