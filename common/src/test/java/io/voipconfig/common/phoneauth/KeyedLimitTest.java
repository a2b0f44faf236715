package io.voipconfig.common.phoneauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class KeyedLimitTest {

    private final DigestAuthenticatorTest.MutableClock clock = new DigestAuthenticatorTest.MutableClock();
    private final KeyedLimit throttle = new KeyedLimit(3, Duration.ofMinutes(1), Duration.ofMinutes(5), clock,
            1000);

    @Test
    void blocksAfterTooManyFailuresInTheWindowAndReportsTheBlockOnce() {
        assertThat(throttle.count("192.0.2.1")).isFalse();
        assertThat(throttle.count("192.0.2.1")).isFalse();
        assertThat(throttle.isBlocked("192.0.2.1")).isFalse();
        assertThat(throttle.count("192.0.2.1")).isTrue();
        assertThat(throttle.isBlocked("192.0.2.1")).isTrue();
        assertThat(throttle.count("192.0.2.1")).isFalse();
        assertThat(throttle.isBlocked("192.0.2.2")).isFalse();
        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.isBlocked("192.0.2.1")).isFalse();
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotBlock() {
        throttle.count("192.0.2.3");
        throttle.count("192.0.2.3");
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.count("192.0.2.3")).isFalse();
        assertThat(throttle.isBlocked("192.0.2.3")).isFalse();
    }

    @Test
    void aForgivenCountDoesNotCountButNeverGoesBelowZeroOrLiftsABlock() {
        throttle.forgive("192.0.2.4");
        throttle.count("192.0.2.4");
        throttle.count("192.0.2.4");
        throttle.forgive("192.0.2.4");
        throttle.forgive("192.0.2.4");
        throttle.forgive("192.0.2.4");
        assertThat(throttle.count("192.0.2.4")).isFalse();
        assertThat(throttle.count("192.0.2.4")).isFalse();
        assertThat(throttle.count("192.0.2.4")).as("the third count since zero").isTrue();
        throttle.forgive("192.0.2.4");
        assertThat(throttle.isBlocked("192.0.2.4")).isTrue();
    }
}
