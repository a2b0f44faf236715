package io.voipconfig.portal.model;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** An XML file phones fetch from {@code /xml/_global/<name>.xml} (softkey layouts and the like). */
@Entity
@Table(name = "global_xml")
public class GlobalXml {

    /** Organization and file name. */
    @Embeddable
    public record Key(
            @Column(name = "organization_id") UUID organizationId,
            String name) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    public String content;

    public long version;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
