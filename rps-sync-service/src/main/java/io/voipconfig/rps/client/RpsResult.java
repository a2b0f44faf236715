package io.voipconfig.rps.client;

import java.util.function.Function;

/**
 * What a call to a redirect service came to. {@link Ok}: done. {@link Refused}: the service said no for a business
 * reason — not worth retrying as such (some refusals have a known remedy, see the predicates). {@link Transient}:
 * the service could not answer (5xx, 429, timeout, connection) — retry later.
 */
public sealed interface RpsResult<T> {

    record Ok<T>(T value) implements RpsResult<T> {
    }

    /** @param key the service's error key, e.g. {@code device.mac.existed}; @param data what it named, if anything */
    record Refused<T>(String key, int code, String data) implements RpsResult<T> {

        /** "Already exists": look it up and edit instead. */
        public boolean alreadyExists() {
            return key.endsWith(".existed");
        }

        /** "Not found": success for a deletion. */
        public boolean notFound() {
            return key.endsWith(".not.found");
        }

        /** Owned by another enterprise: a conflict to record and show, never to retry. */
        public boolean ownedByOther() {
            return key.equals("device.mac.added.by.other") || key.equals("device.operate.forbidden");
        }

        /** Our credentials or signature were refused: configuration, not data. */
        public boolean unauthorized() {
            return code == 401 || code == 403;
        }
    }

    record Transient<T>(String reason) implements RpsResult<T> {
    }

    default boolean ok() {
        return this instanceof Ok;
    }

    /** The one way to act on a result: a function for each of the three answers. */
    default <R> R fold(Function<T, R> ok, Function<Refused<T>, R> refused, Function<String, R> transientFailure) {
        if (this instanceof Ok<T> o) {
            return ok.apply(o.value());
        }
        if (this instanceof Refused<T> no) {
            return refused.apply(no);
        }
        return transientFailure.apply(((Transient<T>) this).reason());
    }
}
