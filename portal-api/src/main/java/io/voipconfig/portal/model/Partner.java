package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;

/**
 * A partner of the installation: a reseller with its own customer organizations, which it alone (with the operator)
 * sees. Quotas are null when unlimited.
 */
@Entity
@Table(name = "partner")
public class Partner {

    /** The partner every organization of an installation from before partners belongs to (migration V5). */
    public static final UUID DEFAULT_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

    @Id
    public UUID id;

    public String slug;

    public String name;

    @Column(name = "max_organizations")
    public Integer maxOrganizations;

    @Column(name = "max_devices")
    public Integer maxDevices;

    /** The host name the partner's phones are provisioned under; null for the installation's own. */
    @Column(name = "provisioning_host")
    public String provisioningHost;

    @Column(name = "console_name")
    public String consoleName;

    /** The logo's SHA-256, null without one (the bytes stay in their own table). */
    @Formula("(select l.sha256 from partner_logo l where l.partner_id = id)")
    public String logoSha256;

    public long version;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
