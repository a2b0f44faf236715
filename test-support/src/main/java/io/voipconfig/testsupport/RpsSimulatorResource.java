package io.voipconfig.testsupport;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.voipconfig.localinfra.RpsSimulatorProcess;

/** The RPS simulator process for a Quarkus test; sets {@code voipconfig.rps.base-url} and the test's own copy. */
public class RpsSimulatorResource implements QuarkusTestResourceLifecycleManager {

    private RpsSimulatorProcess simulator;

    @Override
    public Map<String, String> start() {
        simulator = RpsSimulatorProcess.start(Path.of("target", "rps-simulator.log"));
        return Map.of("voipconfig.rps.base-url", simulator.baseUrl(), "voipconfig-test.rps-simulator-url",
                simulator.baseUrl());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
