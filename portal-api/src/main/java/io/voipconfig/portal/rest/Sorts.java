package io.voipconfig.portal.rest;

import java.util.Map;

/**
 * API sort field → what the list's query orders by: an entity attribute for the lists read through Hibernate
 * (organizations, devices, media, global XML, model settings), a SQL column for the others.
 */
final class Sorts {

    static final Map<String, String> ORGANIZATIONS = Map.of("slug", "slug", "name", "name", "createdAt",
            "createdAt", "updatedAt", "updatedAt", "id", "id");
    static final Map<String, String> PARTNERS = Map.of("slug", "slug", "name", "name", "createdAt", "createdAt",
            "id", "id");
    static final Map<String, String> MAC_CLAIMS = Map.of("id", "c.id");
    /** The fleet view (FleetRepository's aliases: d = device, p = device_presence); never-seen phones sort oldest. */
    static final Map<String, String> DEVICES = Map.of("mac", "d.mac", "model", "d.model", "label", "d.label",
            "createdAt", "d.created_at", "updatedAt", "d.updated_at", "lastSeenAt",
            "coalesce(p.last_seen_at, '-infinity')", "firmware", "p.firmware");
    static final Map<String, String> PHONEBOOKS = Map.of("id", "id", "name", "name", "updatedAt", "updated_at");
    static final Map<String, String> CONTACTS = Map.of("name", "name", "group", "group_name", "id", "id");
    static final Map<String, String> MEDIA = Map.of("name", "name", "kind", "kind", "size", "size", "updatedAt",
            "updatedAt");
    static final Map<String, String> GLOBAL_XML = Map.of("name", "key.name", "updatedAt", "updatedAt");
    static final Map<String, String> ACTIVITY = Map.of("occurredAt", "occurred_at", "mac", "mac", "outcome",
            "outcome");
    static final Map<String, String> SECURITY_EVENTS = Map.of("minute", "minute", "requests", "requests",
            "clientIp", "client_ip", "outcome", "outcome");
    static final Map<String, String> AUDIT = Map.of("at", "at", "username", "username", "action", "action");
    static final Map<String, String> MODEL_SETTINGS = Map.of("model", "key.model", "updatedAt", "updatedAt");
    static final Map<String, String> MODELS = Map.of("name", "name", "accounts", "accounts");

    private Sorts() {
    }
}
