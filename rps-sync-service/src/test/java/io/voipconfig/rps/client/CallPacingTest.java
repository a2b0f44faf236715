package io.voipconfig.rps.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.voipconfig.rps.RpsSyncTest;
import io.voipconfig.rps.config.RpsSyncConfig;

/**
 * Paced calls inside the running service, where Mutiny's delays are Vert.x timers (which refuse delays under 1 ms):
 * calls that come a fraction of a millisecond apart, on a clock that stands still, must all reach RPS. The client once
 * handed those waits to the timer as they were, and such a call failed as a transient error; how often depended on
 * the machine's speed.
 */
@RpsSyncTest
class CallPacingTest {

    final RpsSyncConfig config;
    final Vertx vertx;

    CallPacingTest(RpsSyncConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    @Test
    void callsUnderAMillisecondApartAllReachRps() throws Exception {
        long frozen = System.nanoTime();
        RpsJsonClient client = new RpsJsonClient(config.rps().baseUrl(), config.rps().accessKeyId(),
                config.rps().accessKeySecret(), Duration.ofSeconds(10), new CallPacer(4000, () -> frozen));
        // On a Vert.x context, as the consumer and the reconciler call: there Mutiny's delays are Vert.x timers.
        CompletableFuture<List<RpsResult<?>>> results = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> Uni.join().all(IntStream.range(0, 6)
                .<Uni<RpsResult<?>>>mapToObj(i -> client.listServers(null, 0, 1).map(r -> r)).toList())
                .andFailFast().subscribe().with(results::complete, results::completeExceptionally));
        assertThat(results.get(30, TimeUnit.SECONDS))
                .allSatisfy(r -> assertThat(r).as(r.toString()).isInstanceOf(RpsResult.Ok.class));
    }
}
