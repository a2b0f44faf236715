package io.voipconfig.phoneservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.voipconfig.common.event.ProvisioningActivity;
import io.voipconfig.common.event.ProvisioningActivity.Outcome;

class ActivityCoalescerTest {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static ProvisioningActivity request(int millis, String ip, Outcome outcome) {
        return new ProvisioningActivity(UUID.randomUUID(), T0.plusMillis(millis), "config-service", "org-1",
                "001565b00001", ip, "Yealink SIP-T46U 108.86.0.90", "T46U", "108.86.0.90", "/001565b00001.cfg", outcome,
                outcome == Outcome.SUCCESS ? 200 : 401, outcome == Outcome.SUCCESS
                        ? "0123456789abcdef0123456789abcdef"
                        : null,
                null, outcome == Outcome.SUCCESS ? 7L : null, null, outcome == Outcome.SUCCESS);
    }

    @Test
    void theFirstOfAKindGoesAtOnceAndItsRepeatsAreOneRecordWithTheirCountAndTimes() {
        ActivityCoalescer coalescer = new ActivityCoalescer(100);
        ProvisioningActivity first = request(0, "192.0.2.1", Outcome.SUCCESS);
        assertThat(coalescer.offer(first)).isSameAs(first);
        for (int i = 1; i <= 40; i++) {
            assertThat(coalescer.offer(request(i * 10, "192.0.2.1", Outcome.SUCCESS))).isNull();
        }
        List<ProvisioningActivity> ended = coalescer.drain();
        assertThat(ended).singleElement().satisfies(a -> {
            assertThat(a.requests()).isEqualTo(40);
            assertThat(a.firstTime()).isEqualTo(T0.plusMillis(10));
            assertThat(a.time()).isEqualTo(T0.plusMillis(400));
            assertThat(a.eventId()).isNotEqualTo(first.eventId());
            assertThat(a).usingRecursiveComparison().ignoringFields("eventId", "time", "requests", "firstTime")
                    .isEqualTo(first);
        });
        ProvisioningActivity next = request(1000, "192.0.2.1", Outcome.SUCCESS);
        assertThat(coalescer.offer(next)).as("a new window starts with its own first").isSameAs(next);
        assertThat(coalescer.drain()).as("a kind that did not repeat leaves nothing to send").isEmpty();
    }

    @Test
    void kindsDifferInAnyFieldButTimeAndFailuresAreCountedNotDropped() {
        ActivityCoalescer coalescer = new ActivityCoalescer(100);
        assertThat(coalescer.offer(request(0, "192.0.2.1", Outcome.SUCCESS))).isNotNull();
        assertThat(coalescer.offer(request(1, "192.0.2.2", Outcome.SUCCESS))).as("another address").isNotNull();
        assertThat(coalescer.offer(request(2, "192.0.2.1", Outcome.WRONG_CREDENTIALS))).isNotNull();
        for (int i = 0; i < 25; i++) {
            assertThat(coalescer.offer(request(3 + i, "192.0.2.1", Outcome.WRONG_CREDENTIALS))).isNull();
        }
        assertThat(coalescer.drain()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.WRONG_CREDENTIALS);
            assertThat(a.requests()).isEqualTo(25);
            assertThat(a.authenticated()).isFalse();
        });
    }

    @Test
    void beyondItsKindsARequestGoesAsItIs() {
        ActivityCoalescer coalescer = new ActivityCoalescer(2);
        coalescer.offer(request(0, "192.0.2.1", Outcome.SUCCESS));
        coalescer.offer(request(0, "192.0.2.2", Outcome.SUCCESS));
        ProvisioningActivity third = request(0, "192.0.2.3", Outcome.SUCCESS);
        assertThat(coalescer.offer(third)).isSameAs(third);
        ProvisioningActivity again = request(5, "192.0.2.3", Outcome.SUCCESS);
        assertThat(coalescer.offer(again)).as("not remembered, so not folded").isSameAs(again);
        assertThat(coalescer.drain()).isEmpty();
    }

    @Test
    void requestsFromTwoEventLoopsAcrossWindowsAreEachCountedOnce() throws Exception {
        ActivityCoalescer coalescer = new ActivityCoalescer(100);
        ExecutorService loops = Executors.newFixedThreadPool(2);
        List<ProvisioningActivity> sent = new ArrayList<>();
        try {
            List<Future<List<ProvisioningActivity>>> work = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                work.add(loops.submit(() -> {
                    List<ProvisioningActivity> now = new ArrayList<>();
                    for (int i = 0; i < 20_000; i++) {
                        ProvisioningActivity a = coalescer.offer(request(i, "192.0.2." + (i % 3), Outcome.SUCCESS));
                        if (a != null) {
                            now.add(a);
                        }
                    }
                    return now;
                }));
            }
            while (!work.stream().allMatch(Future::isDone)) {
                sent.addAll(coalescer.drain()); // windows end while both loops offer
            }
            for (Future<List<ProvisioningActivity>> f : work) {
                sent.addAll(f.get());
            }
            sent.addAll(coalescer.drain());
        } finally {
            loops.shutdownNow();
        }
        assertThat(sent.stream().mapToInt(ProvisioningActivity::requests).sum()).isEqualTo(40_000);
    }
}
