package io.voipconfig.phoneservice;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Small HTTP pieces every phone-facing route uses: terse plain-text errors, ETag matching, event-loop hops. */
public final class PhoneHttp {

    private PhoneHttp() {
    }

    /** Runs on the request's event loop: directly when already there, else scheduled onto it. */
    public static void onContext(Context ctx, Runnable action) {
        if (ctx == null || Vertx.currentContext() == ctx) {
            action.run();
        } else {
            ctx.runOnContext(v -> action.run());
        }
    }

    /** Does {@code If-None-Match} name {@code etag} (or {@code *})? */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String tag = t.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** A terse plain-text answer; phones only look at the status. */
    public static void plain(HttpServerResponse res, int status) {
        res.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(reason(status) + "\n");
    }

    public static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 416 -> "Range Not Satisfiable";
            case 429 -> "Too Many Requests";
            default -> "Service Unavailable";
        };
    }

    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
