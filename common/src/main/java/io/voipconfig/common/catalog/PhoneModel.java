package io.voipconfig.common.catalog;

import java.util.Optional;

/**
 * One phone model of the catalog (table {@code phone_model}, seeded from docs/yealink.md §2.4).
 *
 * @param name model name as in the User-Agent, e.g. {@code T46U}
 * @param vendor {@code yealink}
 * @param commonFileCode three digits; the common file is {@code y000000000<code>.cfg}
 * @param accounts number of SIP accounts the model supports
 * @param lineKeys number of programmable line keys
 * @param screenWidth wallpaper width in pixels, null when the model takes no wallpaper
 * @param screenHeight wallpaper height in pixels, null when the model takes no wallpaper
 */
public record PhoneModel(
        String name,
        String vendor,
        String commonFileCode,
        int accounts,
        int lineKeys,
        Integer screenWidth,
        Integer screenHeight) {

    /** {@code y000000000028.cfg} for code {@code 028}. */
    public String commonFileName() {
        return "y000000000" + commonFileCode + ".cfg";
    }

    public Optional<ScreenSize> screen() {
        return screenWidth == null ? Optional.empty() : Optional.of(new ScreenSize(screenWidth, screenHeight));
    }

    public record ScreenSize(int width, int height) {
    }
}
