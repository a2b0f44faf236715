package io.voipconfig.rpssim;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The simulator's settings (prefix {@code rps-simulator}). */
@ConfigMapping(prefix = "rps-simulator")
public interface SimulatorConfig {

    /** The AccessKeyId clients must sign with. */
    @WithDefault("local-access-key")
    String accessKeyId();

    /** The AccessKeySecret. */
    @WithDefault("local-access-secret")
    String accessKeySecret();

    /** Requests whose X-Ca-Timestamp is further than this from the simulator's clock are refused. */
    @WithDefault("15M")
    Duration timestampWindow();

    /** MACs that "another enterprise" owns: adding them answers {@code device.mac.added.by.other}. */
    Optional<List<String>> foreignMacs();

    /** Most MACs one device/add call may carry. */
    @WithDefault("100")
    int maxBatch();

    /** Share of signed calls answered 500, 429, or slowly (0..1 each); changeable at runtime under /sim/faults. */
    @WithDefault("0")
    double errorShare();

    @WithDefault("0")
    double throttleShare();

    @WithDefault("0")
    double slowShare();

    @WithDefault("3S")
    Duration slowDelay();
}
