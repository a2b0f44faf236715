package io.voipconfig.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.voipconfig.localinfra.FreePorts;

/**
 * The ports of a suite, by name: each service's and its management port ({@code <name>-management}: health, metrics),
 * Keycloak's, PostgreSQL's and Kafka's. From the environment for the local run (README.md, "Ports"), or all free ones
 * for a tool that runs a suite of its own (the RPS and abuse proofs).
 */
final class SuitePorts {

    /** The services with a management port. */
    static final List<String> SERVICES = List.of("portal-api", "config-service", "phonebook-service",
            "media-service", "rps-sync-service", "rps-simulator");

    private SuitePorts() {
    }

    static Map<String, Integer> fromEnvironment() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("portal-api", port("PORTAL_API_PORT", 8080));
        ports.put("config-service", port("CONFIG_SERVICE_PORT", 8081));
        ports.put("phonebook-service", port("PHONEBOOK_SERVICE_PORT", 8082));
        ports.put("media-service", port("MEDIA_SERVICE_PORT", 8083));
        ports.put("rps-sync-service", port("RPS_SYNC_SERVICE_PORT", 8084));
        ports.put("rps-simulator", port("RPS_SIMULATOR_PORT", 8085));
        // Each service's management port: its HTTP port + 1000 by default, as in its application.properties.
        for (String service : SERVICES) {
            ports.put(service + "-management", port(service.toUpperCase().replace('-', '_') + "_MANAGEMENT_PORT",
                    ports.get(service) + 1000));
        }
        ports.put("keycloak", port("KEYCLOAK_PORT", 8180));
        ports.put("postgresql", port("POSTGRES_PORT", 55432));
        ports.put("kafka", port("KAFKA_PORT", 9092));
        ports.put("kafka-controller", port("KAFKA_CONTROLLER_PORT", 9093));
        return ports;
    }

    static Map<String, Integer> free() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("portal-api", "config-service", "phonebook-service", "media-service",
                "rps-sync-service", "rps-simulator", "keycloak", "postgresql", "kafka", "kafka-controller")) {
            ports.put(name, FreePorts.next());
        }
        for (String service : SERVICES) {
            ports.put(service + "-management", FreePorts.next());
        }
        return ports;
    }

    private static int port(String env, int def) {
        String v = System.getenv(env);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            int p = Integer.parseInt(v.strip());
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            System.err.println(env + "=" + v + " is not a port number");
            System.exit(2);
            return def;
        }
    }
}
