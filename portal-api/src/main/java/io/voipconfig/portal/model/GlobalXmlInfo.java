package io.voipconfig.portal.model;

import java.time.OffsetDateTime;

/** A global XML document without its content: what lists show. */
public record GlobalXmlInfo(String name, long size, long version, OffsetDateTime updatedAt) {

    public static GlobalXmlInfo of(GlobalXml x) {
        return new GlobalXmlInfo(x.key.name(), x.content.length(), x.version, x.updatedAt);
    }
}
