package io.voipconfig.localinfra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository from wherever a test or the launcher runs (a module directory or the root). */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /** {@code -Dkeycloak.realm.file}, else {@code deploy/keycloak/voipconfig-realm.json} of the repository. */
    public static Path realmFile() {
        String explicit = System.getProperty("keycloak.realm.file");
        return explicit != null ? Path.of(explicit) : find("deploy/keycloak/voipconfig-realm.json");
    }

    /** Walks up from the working directory until {@code relative} exists. */
    public static Path find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
