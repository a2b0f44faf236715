package io.voipconfig.portal.console;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.voipconfig.portal.config.PortalConfig;

/**
 * What portal-api adds to Quinoa's serving of /console/:
 * <ul>
 * <li>security headers: a Content-Security-Policy that allows script only from this origin (the build emits no inline
 * script) and network calls only to this origin and the realm's, no framing, no sniffing. Styles may be inline
 * because the component library writes its theme variables into a style element; a style cannot run code;</li>
 * <li>client-side routes: a path without a file extension ({@code /console/o/acme/devices}) is answered with
 * index.html. Quinoa's own SPA routing cannot do it here: it answers after JAX-RS, and our problem mapper turns
 * every unknown path into a 404 first;</li>
 * <li>caching: the hashed files under assets/ forever, everything else (index.html) revalidated, so a new release
 * is picked up on the next load.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsoleRouting {

    /** Before Quinoa's handler, which serves the files. */
    private static final int ORDER = -100;

    private static final String INDEX = "/console/index.html";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";

    private final String policy;

    public ConsoleRouting(PortalConfig config) {
        this.policy = policy(origin(config.console().authority()));
    }

    void install(@Observes Router router) {
        router.routeWithRegex("/console(/.*)?").order(ORDER).handler(ctx -> {
            String path = ctx.normalizedPath();
            if (path.equals("/console")) {
                ctx.redirect("/console/");
                return;
            }
            if (isClientRoute(path)
                    && (ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD)) {
                ctx.reroute(INDEX);
                return;
            }
            ctx.addHeadersEndHandler(v -> ctx.response().headers()
                    .set("Content-Security-Policy", policy)
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer")
                    .set("X-Frame-Options", "DENY")
                    .set("Cache-Control", path.startsWith("/console/assets/") ? IMMUTABLE : REVALIDATE));
            ctx.next();
        });
    }

    /** {@code /console/o/acme/devices}, not {@code /console/}, {@code /console/index.html} or an asset. */
    static boolean isClientRoute(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.isEmpty() && !last.contains(".") && !path.startsWith("/console/assets/");
    }

    static String policy(String realmOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                + "media-src 'self' blob:; font-src 'self'; connect-src 'self' " + realmOrigin + "; frame-src "
                + realmOrigin + "; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    /** {@code https://sso.example.com/realms/voipconfig} → {@code https://sso.example.com}. */
    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
