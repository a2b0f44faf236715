package io.voipconfig.rps.service;

import io.smallrye.mutiny.Uni;

/** How handling an inventory event ended. */
public record Outcome(Kind kind, String detail) {

    public enum Kind {
        DONE,
        CONFLICT,
        RETRY,
        FAILED
    }

    static Outcome done() {
        return new Outcome(Kind.DONE, null);
    }

    static Outcome conflict(String detail) {
        return new Outcome(Kind.CONFLICT, detail);
    }

    static Outcome retry(String detail) {
        return new Outcome(Kind.RETRY, detail);
    }

    static Outcome failed(String detail) {
        return new Outcome(Kind.FAILED, detail);
    }

    /** A transient failure: the whole event is tried again. */
    static Uni<Outcome> retryLater(String reason) {
        return Uni.createFrom().item(retry(reason));
    }
}
