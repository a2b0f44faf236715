package io.voipconfig.phonesim;

import java.io.PrintStream;

/**
 * A progress bar on a terminal (redrawn in place twice a second), or a line every ten seconds when the output is not
 * a terminal (CI logs).
 */
final class Progress implements AutoCloseable {

    private final PrintStream err;
    private final String label;
    private final int total;
    private final boolean terminal = System.console() != null;
    private final Thread thread;
    private volatile Stats stats;
    private volatile boolean running = true;

    Progress(PrintStream err, String label, int total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.thread = new Thread(this::loop, "progress");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void watch(Stats s) {
        this.stats = s;
    }

    private void loop() {
        long every = terminal ? 500 : 10_000;
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            draw(false);
        }
    }

    private synchronized void draw(boolean last) {
        Stats s = stats;
        if (s == null) {
            return;
        }
        long done = s.completed.sum() + s.failed.sum();
        double secs = Math.max(0.001, s.elapsedSeconds());
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        String line = String.format("%-12s [%s%s] %,d/%,d phones  %,.0f/s  %,d failed  %.0f s", label,
                "#".repeat(filled), ".".repeat(width - filled), done, total, done / secs, s.failed.sum(), secs);
        if (terminal) {
            err.print("\r" + line + (last ? "\n" : ""));
        } else {
            err.println(line);
        }
        err.flush();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        draw(true);
    }
}
