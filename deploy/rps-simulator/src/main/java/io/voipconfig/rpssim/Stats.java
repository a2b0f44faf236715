package io.voipconfig.rpssim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the simulator was asked, per operation: {@code calls} (every request), and per answer: {@code ok}, an RPS error
 * key (a business refusal such as {@code device.mac.existed}), {@code fault:500}/{@code fault:429} (injected),
 * {@code fault:slow} (done at once, answered late — also counted by its answer), or the refusal of a bad signature. Lets a test or a benchmark count the calls a client really made, and the ones that changed nothing.
 */
@ApplicationScoped
public class Stats {

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    public void count(String operation, String answer) {
        counts.computeIfAbsent(operation, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(answer, k -> new LongAdder()).increment();
    }

    /** operation → answer → count, sorted. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        counts.forEach((op, answers) -> {
            Map<String, Long> a = new TreeMap<>();
            answers.forEach((k, v) -> a.put(k, v.sum()));
            out.put(op, a);
        });
        return out;
    }

    public void reset() {
        counts.clear();
    }
}
