package io.voipconfig.k8s;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CloudNativePG objects checked by the TypeScript compiler against {@code @kubernetes-models/cloudnative-pg}, types
 * generated from CloudNativePG's Go API and published on the npm registry (CloudNativePG publishes no Java model). Each
 * object becomes an object literal assigned to its interface; TypeScript's excess property check fails any field the
 * API does not have, at every depth, and any value of the wrong type or missing where required.
 */
final class CnpgTypes {

    static final String MODELS = "@kubernetes-models/cloudnative-pg@2.0.0";
    static final String TYPESCRIPT = "typescript@5.9.3";
    /** kind → the module and interface of its type. */
    static final Map<String, String> TYPES = Map.of(
            "Cluster", "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster:ICluster");
    static final ObjectMapper JSON = new ObjectMapper();

    private CnpgTypes() {
    }

    static boolean covers(JsonNode doc) {
        return doc.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")
                && TYPES.containsKey(doc.path("kind").asText());
    }

    /** The compiler's complaints about these objects, one per line; empty when every object type-checks. */
    static List<String> errors(Path target, List<JsonNode> docs) throws Exception {
        Path dir = Npm.install(target.resolve("cnpg-types"), TYPESCRIPT, MODELS);
        Path check = Files.createTempDirectory(dir, "check-");
        List<String> files = new ArrayList<>();
        int i = 0;
        for (JsonNode doc : docs) {
            String kind = doc.path("kind").asText();
            String[] type = TYPES.get(kind).split(":");
            String file = String.format("%02d-%s-%s.ts", i++, kind, doc.path("metadata").path("name").asText());
            Files.writeString(check.resolve(file), "import type { " + type[1] + " } from \"" + type[0] + "\";\n"
                    + "export const object: " + type[1] + " = "
                    + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + ";\n");
            files.add(file);
        }
        Files.writeString(check.resolve("tsconfig.json"), JSON.writeValueAsString(Map.of(
                "compilerOptions", Map.of("strict", true, "noEmit", true, "module", "nodenext",
                        "moduleResolution", "nodenext", "target", "es2022", "skipLibCheck", true),
                "files", files)));
        Process p = new ProcessBuilder("node", dir.resolve("node_modules/typescript/bin/tsc").toString(), "-p",
                check.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("tsc did not finish in 2 minutes");
        }
        return p.exitValue() == 0 ? List.of() : out.lines().filter(l -> !l.isBlank()).toList();
    }
}
