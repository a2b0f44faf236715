package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.voipconfig.common.event.OrganizationState;
import io.voipconfig.common.render.UpdateSchedule;

/**
 * A customer organization: its phones' provisioning credentials (the password and the AES key stored encrypted by
 * {@code SecretCipher}), its settings and its version, drawn from the platform-wide {@code aggregate_version_seq}.
 */
@Entity
@Table(name = "organization")
public class Organization {

    public static final int DEFAULT_GRACE_DAYS = 30;

    @Id
    public UUID id;

    /** The partner the organization belongs to (docs/architecture.md, "Tenancy"). */
    @Column(name = "partner_id")
    public UUID partnerId;

    public String slug;

    public String name;

    @Column(name = "provisioning_username")
    public String username;

    @Column(name = "provisioning_password_enc")
    public String passwordEnc;

    /** Increases with every change of the user name or password (docs/portal-api.md, "Credential rotation"). */
    @Column(name = "credentials_generation")
    public int credentialsGeneration = 1;

    @Column(name = "credentials_changed_at")
    public OffsetDateTime credentialsChangedAt;

    /** The set a rotation replaced, accepted by phones that have not moved over until {@link #previousUntil}. */
    @Column(name = "previous_username")
    public String previousUsername;

    @Column(name = "previous_password_enc")
    public String previousPasswordEnc;

    @Column(name = "previous_credentials_until")
    public OffsetDateTime previousUntil;

    /** How long phones keep working with what they hold after a rotation, a rename or a move away; 0 ends it at once. */
    @Column(name = "grace_days")
    public int graceDays = DEFAULT_GRACE_DAYS;

    @Column(name = "auth_mode")
    public String authMode;

    @Column(name = "encryption_enabled")
    public boolean encryptionEnabled;

    @Column(name = "encryption_key_enc")
    public String encryptionKeyEnc;

    @Column(name = "ca_certificate")
    public String caCertificate;

    /** Its partner's limit on its devices; null: only the partner's own limit applies. */
    @Column(name = "max_devices")
    public Integer maxDevices;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> settings = new TreeMap<>();

    /** Its own update schedule in {@link UpdateSchedule#toMap()}'s form; null: the platform default. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "update_schedule")
    public Map<String, String> updateSchedule;

    public long version;

    /**
     * The version of the last write that changed what the organization renders into its phones' files; null: the
     * version. Its phones are pending while they hold files rendered from an older version than this.
     */
    @Column(name = "files_version")
    public Long filesVersion;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Settings sorted by key: the order every reader sees. */
    public Map<String, String> sortedSettings() {
        return settings == null ? Map.of() : new TreeMap<>(settings);
    }

    /** When its phones check for changes: its own schedule, else the platform default. */
    public UpdateSchedule schedule() {
        return UpdateSchedule.fromMap(updateSchedule);
    }

    /**
     * What of the organization reaches its phones' files (the renderer's inputs from it, credentials by their
     * generation): two writes with equal inputs render the same files.
     */
    public RenderedInputs renderedInputs() {
        return new RenderedInputs(slug, name, partnerId, credentialsGeneration, authMode, encryptionEnabled,
                encryptionKeyEnc, caCertificate, sortedSettings(), schedule());
    }

    public record RenderedInputs(
            String slug,
            String name,
            UUID partnerId,
            int credentialsGeneration,
            String authMode,
            boolean encryptionEnabled,
            String encryptionKeyEnc,
            String caCertificate,
            Map<String, String> settings,
            UpdateSchedule schedule) {
    }

    /** What organization events carry: the password still encrypted, never the AES key. */
    public OrganizationState state() {
        return new OrganizationState(id.toString(), slug, name, username, passwordEnc, authMode, encryptionEnabled);
    }
}
