package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A partner's logo for the console's header: a PNG or JPEG whose size and dimensions were checked on upload. */
@Entity
@Table(name = "partner_logo")
public class PartnerLogo {

    @Id
    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "content_type")
    public String contentType;

    public byte[] content;

    public int width;

    public int height;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 64)
    public String sha256;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
