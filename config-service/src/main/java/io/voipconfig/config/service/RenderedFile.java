package io.voipconfig.config.service;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A body ready to send, with the MD5 the phone will compute and the ETag derived from it. */
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

    public String etag() {
        return "\"" + md5 + "\"";
    }
}
