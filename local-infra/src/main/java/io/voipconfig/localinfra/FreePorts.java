package io.voipconfig.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes the tests and the launcher start. A port from {@code new ServerSocket(0)} comes from the
 * kernel's ephemeral range, from which every outgoing connection also takes its source port: between choosing it and a
 * child process binding it, a connection could take it (seen as "Port … seems to be in use" when a suite started).
 * These come from just below that range, where the kernel never hands out source ports, are free when chosen, and are
 * never handed out twice by this JVM.
 */
public final class FreePorts {

    private static final Set<Integer> ISSUED = new HashSet<>();
    private static final int SPAN = 10_000;

    private FreePorts() {
    }

    /** A port that was free a moment ago and is not the kernel's to give to outgoing connections. */
    public static synchronized int next() {
        int low = ephemeralLow() - SPAN;
        if (low < 1024) {
            return anyFree();
        }
        int start = ThreadLocalRandom.current().nextInt(SPAN);
        for (int i = 0; i < SPAN; i++) {
            int port = low + (start + i) % SPAN;
            if (!ISSUED.contains(port) && free(port)) {
                ISSUED.add(port);
                return port;
            }
        }
        return anyFree();
    }

    /** The first port of Linux's ephemeral range; its usual default elsewhere. */
    static int ephemeralLow() {
        try {
            // by lines: Files.readString takes procfs' reported size and returns "3" of "32768\t60999"
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0)
                    .strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFree() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
