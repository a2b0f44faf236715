package io.voipconfig.common.cache;

import java.util.Collection;
import java.util.Map;

import io.voipconfig.common.phone.DeviceView;
import io.voipconfig.common.phone.OrgView;
import io.voipconfig.common.render.RenderedFile;

/**
 * Estimated heap bytes of what the phone-facing caches hold, so each cache is bounded by memory, not by a count that
 * means 40 MB for one fleet and 400 MB for another. Estimates for a 64-bit JVM with compressed references (the default
 * below 32 GB of heap) and compact strings; {@code WeightsTest} checks them against the sizes JOL measures.
 */
public final class Weights {

    /** A cache entry's own cost: Caffeine's node, the key's wrapper, the completed future and its Optional. */
    public static final int ENTRY = 120;

    private static final int OBJECT = 16;
    private static final int STRING = 24 + 16; // the String and its byte[] header
    private static final int UUID = 32;
    private static final int MAC = OBJECT + STRING + 12;

    private Weights() {
    }

    public static int string(String s) {
        // Latin-1 strings (MACs, user names, keys) take a byte per character, others two.
        return s == null ? 0 : STRING + align(s.chars().allMatch(c -> c < 256) ? s.length() : 2 * s.length());
    }

    public static int strings(Collection<String> values) {
        int bytes = OBJECT + 16 + 4 * values.size();
        for (String s : values) {
            bytes += string(s);
        }
        return bytes;
    }

    /** A settings map (an unmodifiable TreeMap of strings, or the shared empty map). */
    public static int map(Map<String, String> m) {
        if (m.isEmpty()) {
            return 0;
        }
        int bytes = 112; // the unmodifiable wrapper, the TreeMap and their entry sets
        for (Map.Entry<String, String> e : m.entrySet()) {
            bytes += 40 + string(e.getKey()) + string(e.getValue());
        }
        return bytes;
    }

    /** A device entry of the directory, keyed by the MAC the view holds. */
    public static int device(DeviceView d) {
        return ENTRY + MAC + OBJECT + 56 + UUID + string(d.model()) + string(d.label()) + map(d.settings())
                + string(d.wallpaper()) + string(d.ringtone())
                + (d.movedFrom() == null ? 0 : OBJECT + 8 + UUID + 24)
                + (d.usedCredentials() == null ? 0 : OBJECT + 8 + UUID);
    }

    /** An organization entry of the directory, key included: its strings, decrypted secrets and settings. */
    public static int organization(OrgView o) {
        return ENTRY + UUID + 80 + UUID + string(o.slug()) + string(o.name()) + string(o.username())
                + string(o.password()) + (o.previous() == null ? 0 : 64)
                + string(o.encryptionKey()) + string(o.caCertificate()) + map(o.settings());
    }

    /** A rendered file: its body, MD5, and a key of {@code keyStrings} (file name, subject, model, MAC). */
    public static int file(RenderedFile f, String... keyStrings) {
        int bytes = ENTRY + OBJECT + 16 + align(16 + f.body().length) + STRING + 32 + 96;
        for (String s : keyStrings) {
            bytes += string(s);
        }
        return bytes;
    }

    private static int align(int bytes) {
        return (bytes + 7) & ~7;
    }
}
