package io.voipconfig.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The services' JVM options: measured defaults per service, and the two overrides (docs/benchmarks.md). */
class ServiceJavaOptionsTest {

    @Test
    void configServiceRunsTieredWithTheParallelCollectorAndTheOthersOnC1() {
        assertThat(ServiceProcess.javaOptions("config-service", Map.of())).isEqualTo("-Xmx256m -XX:+UseParallelGC");
        assertThat(ServiceProcess.javaOptions("portal-api", Map.of()))
                .isEqualTo("-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    }

    @Test
    void aServicesOwnOptionsWinOverEveryServicesAndBlankOnesCountAsUnset() {
        Map<String, String> env = Map.of("VOIPCONFIG_JAVA_OPTS", " -Xmx512m -XX:+UseSerialGC ",
                "VOIPCONFIG_JAVA_OPTS_MEDIA_SERVICE", "-Xmx384m", "VOIPCONFIG_JAVA_OPTS_CONFIG_SERVICE", " ");
        assertThat(ServiceProcess.javaOptions("media-service", env)).isEqualTo("-Xmx384m");
        assertThat(ServiceProcess.javaOptions("config-service", env)).isEqualTo("-Xmx512m -XX:+UseSerialGC");
        assertThat(ServiceProcess.javaOptions("phonebook-service", env)).isEqualTo("-Xmx512m -XX:+UseSerialGC");
    }
}
