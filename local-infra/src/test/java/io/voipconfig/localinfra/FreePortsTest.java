package io.voipconfig.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreBindableDistinctAndOutsideTheKernelsEphemeralRange() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertThat(port).isLessThan(FreePorts.ephemeralLow()).isGreaterThanOrEqualTo(1024);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket(port)) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
