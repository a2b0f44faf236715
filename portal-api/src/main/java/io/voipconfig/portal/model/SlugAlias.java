package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A slug an organization was renamed from: its phones' URLs with it keep being served as the organization until
 * {@code validUntil}, and no organization may take it meanwhile.
 */
@Entity
@Table(name = "organization_slug_alias")
public class SlugAlias {

    @Id
    public String slug;

    @Column(name = "organization_id")
    public UUID organizationId;

    @Column(name = "valid_until")
    public OffsetDateTime validUntil;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    public boolean activeAt(OffsetDateTime now) {
        return now.isBefore(validUntil);
    }
}
