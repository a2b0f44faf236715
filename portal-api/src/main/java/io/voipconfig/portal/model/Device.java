package io.voipconfig.portal.model;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.voipconfig.common.event.DeviceState;
import io.voipconfig.common.mac.MacAddress;

/**
 * A phone, by its MAC (unique on the whole platform), with its SIP accounts and the phonebooks it may read. Both
 * collections are bags: a change deletes the device's rows and writes them again, as one statement each.
 */
@Entity
@Table(name = "device")
public class Device {

    /** Canonical MAC: 12 lower-case hex digits, a {@code char(12)} column. */
    @Id
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 12)
    public String mac;

    @Column(name = "organization_id")
    public UUID organizationId;

    public String model;

    public String label;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> settings = new TreeMap<>();

    public String wallpaper;

    public String ringtone;

    public long version;

    /** After a move: the organization whose credentials the phone may still use, until {@link #movedUntil}. */
    @Column(name = "moved_from_organization_id")
    public UUID movedFromOrganizationId;

    @Column(name = "moved_until")
    public OffsetDateTime movedUntil;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    // Loaded with the device, one query per collection for a whole page of devices (subselect).
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sip_account", joinColumns = @JoinColumn(name = "device_mac"))
    @OrderBy("accountIndex")
    @Fetch(FetchMode.SUBSELECT)
    public List<DeviceAccount> accounts = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "device_phonebook", joinColumns = @JoinColumn(name = "device_mac"))
    @OrderBy("position")
    @Fetch(FetchMode.SUBSELECT)
    public List<PhonebookLink> phonebooks = new ArrayList<>();

    public MacAddress macAddress() {
        return new MacAddress(mac);
    }

    public Map<String, String> sortedSettings() {
        return settings == null ? Map.of() : new TreeMap<>(settings);
    }

    /** Phonebook ids in the order the phone lists them. */
    public List<Long> phonebookIds() {
        return phonebooks.stream().map(PhonebookLink::phonebookId).toList();
    }

    /** What device events carry. */
    public DeviceState state() {
        return new DeviceState(mac, organizationId.toString(), model, label);
    }
}
