package io.voipconfig.common.event;

/** Kafka topic names shared by every service (docs/architecture.md, "Events"). */
public final class Topics {

    /** Organization and device lifecycle; keyed by organization id so one organization's events stay in order. */
    public static final String INVENTORY = "voipconfig.inventory";
    /** Settings, phonebook, media and global XML changes; cache invalidation for the phone-facing services. */
    public static final String CHANGES = "voipconfig.changes";
    /** One event per phone request, from the phone-facing services; stored by portal-api. */
    public static final String ACTIVITY = "voipconfig.activity";
    /** Inventory events rps-sync-service gave up on, with the reason. */
    public static final String RPS_DEAD_LETTER = "voipconfig.rps.dead-letter";

    private Topics() {
    }
}
