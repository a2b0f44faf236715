package io.voipconfig.common.event;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Every domain event type, with its wire name and the topic it travels on. */
public enum EventType {

    ORGANIZATION_CREATED("organization.created", AggregateType.ORGANIZATION, Topics.INVENTORY),
    ORGANIZATION_UPDATED("organization.updated", AggregateType.ORGANIZATION, Topics.INVENTORY),
    ORGANIZATION_DELETED("organization.deleted", AggregateType.ORGANIZATION, Topics.INVENTORY),
    DEVICE_CREATED("device.created", AggregateType.DEVICE, Topics.INVENTORY),
    DEVICE_UPDATED("device.updated", AggregateType.DEVICE, Topics.INVENTORY),
    DEVICE_DELETED("device.deleted", AggregateType.DEVICE, Topics.INVENTORY),
    /** The phone authenticated with its organization's current credentials for the first time (no state). */
    DEVICE_CREDENTIALS_USED("device.credentials-used", AggregateType.DEVICE, Topics.CHANGES),
    MODEL_SETTINGS_CHANGED("model-settings.changed", AggregateType.MODEL_SETTINGS, Topics.CHANGES),
    PHONEBOOK_CHANGED("phonebook.changed", AggregateType.PHONEBOOK, Topics.CHANGES),
    PHONEBOOK_DELETED("phonebook.deleted", AggregateType.PHONEBOOK, Topics.CHANGES),
    MEDIA_CHANGED("media.changed", AggregateType.MEDIA, Topics.CHANGES),
    MEDIA_DELETED("media.deleted", AggregateType.MEDIA, Topics.CHANGES),
    GLOBAL_XML_CHANGED("global-xml.changed", AggregateType.GLOBAL_XML, Topics.CHANGES),
    GLOBAL_XML_DELETED("global-xml.deleted", AggregateType.GLOBAL_XML, Topics.CHANGES);

    private final String wireName;
    private final AggregateType aggregateType;
    private final String topic;

    EventType(String wireName, AggregateType aggregateType, String topic) {
        this.wireName = wireName;
        this.aggregateType = aggregateType;
        this.topic = topic;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public AggregateType aggregateType() {
        return aggregateType;
    }

    public String topic() {
        return topic;
    }

    public boolean isDeletion() {
        return wireName.endsWith(".deleted");
    }

    @JsonCreator
    public static EventType fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + name));
    }

    public enum AggregateType {
        ORGANIZATION,
        DEVICE,
        MODEL_SETTINGS,
        PHONEBOOK,
        MEDIA,
        GLOBAL_XML
    }
}
