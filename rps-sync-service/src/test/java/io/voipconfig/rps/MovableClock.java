package io.voipconfig.rps;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

import io.quarkus.test.Mock;

/** The service's clock in this module's tests: the system's, plus whatever the tests moved it on by. */
@Mock
@Singleton
public class MovableClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    /** Moves the clock on, as waiting that long would. */
    public void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock is UTC");
    }
}
