package io.voipconfig.common.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.voipconfig.common.phone.OrgView;

/**
 * A file's body as it goes on the wire, with the MD5 the phone will compute and the ETag derived from it. config-service
 * serves these bytes and portal-api's preview and status compare against them, so both build them here: one decision
 * of what a phone receives, and MD5s that match byte for byte.
 */
public record RenderedFile(byte[] body, String contentType, String md5) {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String XML = "application/xml; charset=utf-8";
    public static final String PEM = "application/x-pem-file";
    public static final String BINARY = "application/octet-stream";

    public static RenderedFile of(byte[] body, String contentType) {
        try {
            return new RenderedFile(body, contentType,
                    HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A rendered configuration file ({@code .cfg}, common or MAC): encrypted under the organization's key when the
     * organization encrypts its files (docs/yealink.md §2.8), plain text otherwise. Never plain text for an
     * organization that encrypts: without its key this fails.
     */
    public static RenderedFile cfg(String text, OrgView org) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        return org.encryptionEnabled()
                ? of(YealinkEncryption.encryptFile(plain, org.encryptionKey()), BINARY)
                : of(plain, TEXT);
    }

    /** The organization's key file ({@code <name>_Security.enc}), encrypted under the fixed common key. */
    public static RenderedFile securityKey(OrgView org) {
        return of(YealinkEncryption.securityFile(org.encryptionKey()), BINARY);
    }

    /** True for an encrypted configuration file: its bytes are not the text. */
    public boolean encrypted() {
        return BINARY.equals(contentType);
    }

    public String etag() {
        return "\"" + md5 + "\"";
    }
}
