package io.voipconfig.portal.validation;

/** Messages built from user input, made safe for Bean Validation's message interpolation. */
final class Messages {

    private Messages() {
    }

    /**
     * {@code text} as a message template that interpolates to itself: a setting named {@code ${...}} or
     * {@code {javax...}} is reported, never evaluated or looked up.
     */
    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
