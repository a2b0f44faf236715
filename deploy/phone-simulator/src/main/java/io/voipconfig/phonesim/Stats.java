package io.voipconfig.phonesim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a storm measured: latency per file kind (HdrHistogram, microseconds; a file's latency is the phone's wait for
 * it, the 401 round trip included), requests, phones completed and failed by reason, and a per-second timeline.
 */
public final class Stats {

    /** One second of the run. */
    public record Second(int second, long phones, long requests, long failures, double p50Millis, double p99Millis) {
    }

    /** Latency figures of one file kind, in milliseconds. */
    public record KindSummary(String kind, long files, double p50, double p95, double p99, double max) {
    }

    private static final class Bucket {

        final LongAdder phones = new LongAdder();
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    }

    private final long startNanos = System.nanoTime();
    private final Map<String, Histogram> byKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<Integer, Bucket> timeline = new ConcurrentHashMap<>();
    final LongAdder requests = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();

    private Bucket now() {
        return timeline.computeIfAbsent((int) ((System.nanoTime() - startNanos) / 1_000_000_000L),
                k -> new Bucket());
    }

    void request() {
        requests.increment();
        now().requests.increment();
    }

    void file(String kind, long micros) {
        long v = Math.max(1, micros);
        byKind.computeIfAbsent(kind, k -> new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3))
                .recordValue(Math.min(v, TimeUnit.MINUTES.toMicros(5)));
        now().latency.recordValue(Math.min(v, TimeUnit.MINUTES.toMicros(5)));
    }

    void phoneDone() {
        completed.increment();
        now().phones.increment();
    }

    void phoneFailed(String reason) {
        failed.increment();
        failures.computeIfAbsent(reason, k -> new LongAdder()).increment();
        now().failures.increment();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public Map<String, Long> failures() {
        Map<String, Long> out = new TreeMap<>();
        failures.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public List<KindSummary> kinds() {
        List<KindSummary> out = new ArrayList<>();
        for (String kind : List.of("rps", "ca", "boot", "common", "mac", "phonebook", "wallpaper", "ringtone")) {
            Histogram h = byKind.get(kind);
            if (h != null && h.getTotalCount() > 0) {
                out.add(new KindSummary(kind, h.getTotalCount(), ms(h.getValueAtPercentile(50)),
                        ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue())));
            }
        }
        return out;
    }

    public List<Second> timeline() {
        List<Second> out = new ArrayList<>();
        new TreeMap<>(timeline).forEach((s, b) -> out.add(new Second(s, b.phones.sum(), b.requests.sum(),
                b.failures.sum(), b.latency.getTotalCount() == 0 ? 0 : ms(b.latency.getValueAtPercentile(50)),
                b.latency.getTotalCount() == 0 ? 0 : ms(b.latency.getValueAtPercentile(99)))));
        return out;
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
