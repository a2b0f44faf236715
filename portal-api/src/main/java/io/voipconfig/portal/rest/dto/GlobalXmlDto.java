package io.voipconfig.portal.rest.dto;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.voipconfig.portal.model.GlobalXmlInfo;

/** Global XML metadata JSON (documents themselves travel as application/xml). */
public final class GlobalXmlDto {

    private GlobalXmlDto() {
    }

    @Schema(name = "GlobalXml")
    public record GlobalXml(
            @Schema(example = "softkey-idle") String name,
            long size,
            long version,
            OffsetDateTime updatedAt) {

        public static GlobalXml of(GlobalXmlInfo x) {
            return new GlobalXml(x.name(), x.size(), x.version(), x.updatedAt());
        }
    }
}
