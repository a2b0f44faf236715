package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.voipconfig.portal.model.MediaInfo;

/** Media JSON (the bytes themselves travel as multipart uploads and plain downloads). */
public final class MediaDto {

    private MediaDto() {
    }

    @Schema(name = "Media")
    public record Media(
            @Schema(example = "acme-wallpaper.png") String name,
            @Schema(enumeration = {
                    "WALLPAPER", "RINGTONE", "IMAGE"}) String kind,
            @Schema(example = "image/png") String contentType,
            long size,
            String sha256,
            long version,
            OffsetDateTime updatedAt){

        public static Media of(MediaInfo m) {
            return new Media(m.name(), m.kind(), m.contentType(), m.size(), m.sha256(), m.version(), m.updatedAt());
        }
    }
}
