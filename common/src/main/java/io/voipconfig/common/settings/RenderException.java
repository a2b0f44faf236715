package io.voipconfig.common.settings;

/** A file cannot be rendered from the stored settings; the message says why and contains no secret. */
public class RenderException extends RuntimeException {

    public RenderException(String message) {
        super(message);
    }
}
