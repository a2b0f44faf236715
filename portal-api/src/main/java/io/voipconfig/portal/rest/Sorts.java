package io.voipconfig.portal.rest;

import java.util.Map;

/** API sort field → SQL column, per list. */
final class Sorts {

    static final Map<String, String> ORGANIZATIONS = Map.of("slug", "slug", "name", "name", "createdAt",
            "created_at", "updatedAt", "updated_at", "id", "id");
    static final Map<String, String> DEVICES = Map.of("mac", "mac", "model", "model", "label", "label",
            "createdAt", "created_at", "updatedAt", "updated_at");
    static final Map<String, String> PHONEBOOKS = Map.of("id", "id", "name", "name", "updatedAt", "updated_at");
    static final Map<String, String> CONTACTS = Map.of("name", "name", "group", "group_name", "id", "id");
    static final Map<String, String> MEDIA = Map.of("name", "name", "kind", "kind", "size", "size_bytes",
            "updatedAt", "updated_at");
    static final Map<String, String> GLOBAL_XML = Map.of("name", "name", "updatedAt", "updated_at");
    static final Map<String, String> ACTIVITY = Map.of("occurredAt", "occurred_at", "mac", "mac", "outcome",
            "outcome");
    static final Map<String, String> MODEL_SETTINGS = Map.of("model", "model", "updatedAt", "updated_at");
    static final Map<String, String> MODELS = Map.of("name", "name", "accounts", "accounts");

    private Sorts() {
    }
}
