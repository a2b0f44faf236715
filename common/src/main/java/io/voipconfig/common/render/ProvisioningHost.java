package io.voipconfig.common.render;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A partner's own provisioning host name in the installation's URLs (docs/config-service.md, "Partner host names"):
 * one rule for the rendered files, the URL RPS gives phones and the URL the API shows.
 */
public final class ProvisioningHost {

    private ProvisioningHost() {
    }

    /** The lower-case host of an absolute URL. */
    public static String of(String url) {
        String host = URI.create(url).getHost();
        if (host == null) {
            throw new IllegalArgumentException("not an absolute URL with a host: " + url);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code url} with {@code partnerHost} in place of {@code installationHost} (scheme, port and path stay); as it is
     * when {@code partnerHost} is null or the URL is on another host (a service on a host of its own keeps it).
     */
    public static String replace(String url, String installationHost, String partnerHost) {
        if (partnerHost == null) {
            return url;
        }
        URI u = URI.create(url);
        if (!installationHost.equalsIgnoreCase(u.getHost())) {
            return url;
        }
        try {
            return new URI(u.getScheme(), u.getUserInfo(), partnerHost, u.getPort(), u.getPath(), u.getQuery(),
                    u.getFragment()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot put host " + partnerHost + " into " + url, e);
        }
    }
}
