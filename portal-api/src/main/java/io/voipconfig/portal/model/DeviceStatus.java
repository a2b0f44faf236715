package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a phone last did, from the provisioning activity, and whether each file it was given is still what it would
 * be given now.
 *
 * @param upToDate null when nothing was delivered yet
 */
public record DeviceStatus(String mac, Presence presence, List<FileState> files, Boolean upToDate) {

    /** The last request of the phone; every field null when it never asked. */
    public record Presence(
            OffsetDateTime lastSeenAt,
            String lastIp,
            String userAgent,
            String model,
            String firmware,
            String lastFile,
            String lastOutcome) {

        public static final Presence NEVER = new Presence(null, null, null, null, null, null, null);
    }

    /** A file delivered to the phone and what it would be now. */
    public record FileState(
            String file,
            String deliveredMd5,
            OffsetDateTime deliveredAt,
            String currentMd5,
            boolean current) {
    }

    /** A file as the phone would get it now, passwords masked in its text. */
    public record FilePreview(String name, String contentType, String md5, boolean encrypted, String content) {
    }

    /** A file delivered to the phone: its MD5 when it was. */
    public record Delivery(String file, String md5, OffsetDateTime deliveredAt) {
    }
}
