package io.voipconfig.common.render;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import io.voipconfig.common.settings.Settings;

/**
 * Setting keys recently removed from a layer of settings (table {@code removed_setting}), each with the instant until
 * which the files render it as a reset ({@code key =}, docs/yealink.md §2.10): a Yealink phone keeps a value that
 * merely disappears from its files. portal-api records them when a write removes a key; the renderers read them.
 *
 * @param until each key's end of the retention window
 */
public record RemovedKeys(Map<String, Instant> until) {

    public static final RemovedKeys NONE = new RemovedKeys(Map.of());

    public RemovedKeys {
        until = Map.copyOf(until);
    }

    /** The keys still to be reset at {@code now}, in file order: what a file rendered at {@code now} names. */
    public SortedSet<String> activeAt(Instant now) {
        SortedSet<String> keys = new TreeSet<>(Settings::compareKeys);
        until.forEach((key, end) -> {
            if (end.isAfter(now)) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Both layers' keys; where both name a key, the later end. */
    public RemovedKeys and(RemovedKeys other) {
        Map<String, Instant> merged = new HashMap<>(until);
        other.until.forEach((key, end) -> merged.merge(key, end, (a, b) -> a.isAfter(b) ? a : b));
        return new RemovedKeys(merged);
    }
}
