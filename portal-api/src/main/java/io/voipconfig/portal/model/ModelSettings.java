package io.voipconfig.portal.model;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An organization's settings for one phone model. */
@Entity
@Table(name = "org_model_settings")
public class ModelSettings {

    /** Organization and model. */
    @Embeddable
    public record Key(
            @Column(name = "organization_id") UUID organizationId,
            String model) implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> settings = new TreeMap<>();

    public long version;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public Map<String, String> sortedSettings() {
        return settings == null ? Map.of() : new TreeMap<>(settings);
    }
}
