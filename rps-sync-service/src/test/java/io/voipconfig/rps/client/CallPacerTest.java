package io.voipconfig.rps.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The pacer on a clock the test moves: every wait it hands out is zero or a timer-safe whole millisecond. */
class CallPacerTest {

    final AtomicLong clock = new AtomicLong(-5_000_000_000L); // nanoTime may be negative

    @Test
    void waitsUnderAMillisecondAreRoundedUpToOne() {
        CallPacer pacer = new CallPacer(4000, clock::get); // a slot every 250 µs
        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isEqualTo(Duration.ofMillis(1)); // 250 µs
        assertThat(pacer.reserve()).isEqualTo(Duration.ofMillis(1)); // 500 µs
        assertThat(pacer.reserve()).isEqualTo(Duration.ofMillis(1)); // 750 µs
        assertThat(pacer.reserve()).isEqualTo(Duration.ofMillis(1)); // 1 ms exactly
        assertThat(pacer.reserve()).isEqualTo(Duration.ofMillis(2)); // 1.25 ms
    }

    @Test
    void aWaitOfOneNanosecondIsAMillisecondNotAnError() {
        CallPacer pacer = new CallPacer(10, clock::get); // a slot every 100 ms
        pacer.reserve();
        clock.addAndGet(100_000_000L - 1); // one nanosecond before the next slot
        assertThat(pacer.reserve()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void noCallStartsBeforeItsSlotAndTheRoundingDoesNotAccumulate() {
        CallPacer pacer = new CallPacer(3000, clock::get); // 333,333 ns apart
        long start = clock.get();
        for (int i = 0; i < 3000; i++) {
            Duration wait = pacer.reserve();
            assertThat(wait.isZero() || wait.compareTo(Duration.ofMillis(1)) >= 0).as("call %d waits %s", i, wait)
                    .isTrue();
            assertThat(wait.toNanos() % 1_000_000).isZero();
            // The i-th call's slot is i intervals after the first; its wait must reach it, by less than a millisecond.
            long slot = start + i * 333_333L;
            assertThat(clock.get() + wait.toNanos()).isGreaterThanOrEqualTo(slot).isLessThan(slot + 1_000_000);
        }
        // 3,000 calls reserved at one instant: the last one a second later, not 3,000 rounded milliseconds later.
        assertThat(pacer.reserve()).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void aCallAfterAQuietSpellGoesAtOnce() {
        CallPacer pacer = new CallPacer(100, clock::get);
        pacer.reserve();
        pacer.reserve();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(pacer.reserve()).isZero();
        assertThat(pacer.reserve()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void noRateMeansNoWaitAndABadRateIsRefused() {
        CallPacer unlimited = new CallPacer(0, clock::get);
        for (int i = 0; i < 100; i++) {
            assertThat(unlimited.reserve()).isZero();
        }
        assertThatThrownBy(() -> new CallPacer(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new CallPacer(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
