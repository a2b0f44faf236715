package io.voipconfig.phoneservice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.voipconfig.common.event.ProvisioningActivity;

/**
 * Folds the repeats of one kind of request into one activity record (issue 20): requests of a kind are those alike in
 * everything but their time ({@link ProvisioningActivity#kind()}: service, organization, device, file, outcome,
 * status, address, User-Agent, body sent, detail, versions). The first of a kind in a window goes out at once, as
 * before, so a device's presence and deliveries move without delay; its repeats within the window are counted, and
 * {@link #drain()} at the window's end makes them one record with their count and their first and last time. Nothing
 * is coalesced away: every request is in a record's count, failures too (a burst of wrong passwords is one record with
 * its count and times).
 *
 * <p>At most {@code maxKinds} kinds per window are remembered; a request of a kind beyond them goes out as it is. One
 * lock around a map: it is held for a lookup, far shorter than anything else a request does, by at most the event
 * loops.
 */
final class ActivityCoalescer {

    /** The repeats of one kind in the current window, after its first request. */
    private static final class Repeats {

        int count;
        Instant first;
        Instant last;
    }

    private final int maxKinds;
    private Map<ProvisioningActivity, Repeats> window = new HashMap<>();

    ActivityCoalescer(int maxKinds) {
        this.maxKinds = maxKinds;
    }

    /** @return the record to send now, or null when the request was counted among its kind's repeats */
    ProvisioningActivity offer(ProvisioningActivity a) {
        ProvisioningActivity kind = a.kind();
        synchronized (this) {
            Repeats repeats = window.get(kind);
            if (repeats == null) {
                if (window.size() < maxKinds) {
                    window.put(kind, new Repeats());
                }
                return a;
            }
            if (repeats.count++ == 0) {
                repeats.first = a.time();
            }
            repeats.last = a.time();
            return null;
        }
    }

    /** Ends the window: one record per kind that repeated, with the repeats' count and times. */
    List<ProvisioningActivity> drain() {
        Map<ProvisioningActivity, Repeats> ended;
        synchronized (this) {
            ended = window;
            window = new HashMap<>();
        }
        List<ProvisioningActivity> records = new ArrayList<>();
        ended.forEach((kind, repeats) -> {
            if (repeats.count > 0) {
                records.add(kind.folded(UUID.randomUUID(), repeats.count, repeats.first, repeats.last));
            }
        });
        return records;
    }
}
