package io.voipconfig.k8s;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Tools the manifest checks take from the npm registry, installed into a folder under {@code target} on first use. */
final class Npm {

    private Npm() {
    }

    /** Installs the packages ({@code name@version}) into {@code dir/node_modules} unless that exact set is there. */
    static Path install(Path dir, String... packages) throws Exception {
        Path marker = dir.resolve("installed.txt");
        String wanted = String.join("\n", packages);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(wanted)) {
            return dir;
        }
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund",
                "--no-package-lock", "--prefix", dir.toString()));
        command.addAll(List.of(packages));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("npm could not install " + String.join(", ", packages) + ":\n" + out);
        }
        Files.writeString(marker, wanted);
        return dir;
    }
}
