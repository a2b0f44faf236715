package io.voipconfig.phonesim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Yealink models with the User-Agent their firmware sends (docs/yealink.md §2.3), and a weighted mix of them. */
public final class Models {

    /** The firmware part of the User-Agent, and whether the MAC is written without colons. */
    record Firmware(String version, boolean bareMac, boolean twoSpaces) {
    }

    static final Map<String, Firmware> FIRMWARE = new LinkedHashMap<>();

    static {
        FIRMWARE.put("T46U", new Firmware("108.86.0.90", false, false));
        FIRMWARE.put("T48U", new Firmware("108.86.0.90", false, false));
        FIRMWARE.put("T54W", new Firmware("96.86.0.100", false, false));
        FIRMWARE.put("T57W", new Firmware("96.86.0.100", false, false));
        FIRMWARE.put("T31G", new Firmware("124.85.257.55", false, false));
        FIRMWARE.put("T33G", new Firmware("124.86.0.75", false, false));
        FIRMWARE.put("T46G", new Firmware("28.83.0.120", false, false));
        FIRMWARE.put("T38G", new Firmware("38.70.0.125", false, true));
        FIRMWARE.put("T56A", new Firmware("58.80.0.25", true, true));
    }

    private final List<String> slots = new ArrayList<>();

    private Models(List<String> slots) {
        this.slots.addAll(slots);
    }

    /** {@code T46U:50,T54W:30,T33G:20} — weights per model; models must be among {@link #FIRMWARE}. */
    public static Models parse(String spec) {
        List<String> slots = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split(":");
            String model = kv[0].strip().toUpperCase(Locale.ROOT);
            if (!FIRMWARE.containsKey(model)) {
                throw new IllegalArgumentException("unknown model " + model + "; known: " + FIRMWARE.keySet());
            }
            int weight = kv.length > 1 ? Integer.parseInt(kv[1].strip()) : 1;
            if (weight < 0 || weight > 1000) {
                throw new IllegalArgumentException("weight of " + model + " must be 0..1000");
            }
            for (int i = 0; i < weight; i++) {
                slots.add(model);
            }
        }
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("the model mix is empty");
        }
        return new Models(slots);
    }

    /** The model of phone number {@code i}: the mix spread evenly over the fleet, deterministic. */
    public String modelOf(int i) {
        return slots.get(Math.floorMod(i * 7919, slots.size()));
    }

    /** Models with a colour screen that shows a wallpaper (the rest get none). */
    public boolean hasScreen(String model) {
        return !model.equals("T31G");
    }

    /** {@code Yealink SIP-T46U 108.86.0.90 00:15:65:ab:cd:ef} as that model's firmware writes it. */
    public static String userAgent(String model, String mac) {
        Firmware f = FIRMWARE.get(model);
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            if (i > 0 && !f.bareMac()) {
                m.append(':');
            }
            m.append(mac, i, i + 2);
        }
        return "Yealink SIP-" + model + (f.twoSpaces() ? "  " : " ") + f.version() + " " + m;
    }

    /** MAC number {@code i} under a 6-hex-digit prefix: {@code <prefix><6 hex>}. */
    public static String mac(String prefix, int i) {
        return prefix + String.format("%06x", i);
    }
}
