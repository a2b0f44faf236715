package io.voipconfig.common.phoneauth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The client's IP: the peer address, unless the peer is a configured trusted proxy, in which case the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy. Entries a client could forge (left of the
 * first untrusted hop) are never used. The host name asked for is believed from {@code X-Forwarded-Host} under the
 * same rule ({@link #host}).
 */
public final class ClientAddress {

    private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Cidr> trustedProxies;

    /** @param trustedProxies CIDRs or single addresses, e.g. {@code 10.0.0.0/8}, {@code 127.0.0.1} */
    public ClientAddress(List<String> trustedProxies) {
        List<Cidr> list = new ArrayList<>();
        for (String p : trustedProxies) {
            if (!p.isBlank()) {
                list.add(Cidr.parse(p.strip()));
            }
        }
        this.trustedProxies = List.copyOf(list);
    }

    public String resolve(String peer, String forwardedFor) {
        if (peer == null) {
            return "unknown";
        }
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer) || forwardedFor.length() > 1024) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!isLiteralIp(hop)) {
                return peer; // garbage in the header: do not trust any of it
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /**
     * The host name the client asked for: the request's authority (Host header, HTTP/2 {@code :authority}), unless
     * the peer is a trusted proxy that sent {@code X-Forwarded-Host}, whose right-most entry (the one that proxy set)
     * then wins. Lower-case, without port or trailing dot; null when there is none.
     */
    public String host(String peer, String authority, String forwardedHost) {
        if (forwardedHost != null && !forwardedHost.isBlank() && peer != null && isTrusted(peer)) {
            String[] hosts = forwardedHost.split(",");
            return hostName(hosts[hosts.length - 1]);
        }
        return hostName(authority);
    }

    /** {@code Prov.Partner.Example:443} → {@code prov.partner.example}; {@code [::1]:8081} → {@code [::1]}. */
    static String hostName(String authority) {
        if (authority == null) {
            return null;
        }
        String h = authority.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? "" : h.substring(0, end + 1);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() || h.length() > 253 ? null : h;
    }

    private boolean isTrusted(String ip) {
        byte[] addr = literal(ip);
        return addr != null && trustedProxies.stream().anyMatch(c -> c.contains(addr));
    }

    private static boolean isLiteralIp(String s) {
        return literal(s) != null;
    }

    /** Parses only IP literals (never resolves names). */
    static byte[] literal(String s) {
        if (s == null || s.isEmpty() || s.length() > 45 || !IP_CHARS.matcher(s).matches()) {
            return null;
        }
        if (s.indexOf(':') < 0 && !IPV4.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            byte[] net = literal(slash < 0 ? s : s.substring(0, slash));
            if (net == null) {
                throw new IllegalArgumentException("not an IP address or CIDR: " + s);
            }
            int prefix = slash < 0 ? net.length * 8 : Integer.parseInt(s.substring(slash + 1));
            if (prefix < 0 || prefix > net.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + s);
            }
            return new Cidr(net, prefix);
        }

        boolean contains(byte[] addr) {
            if (addr.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (addr[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (addr[full] & mask) == (network[full] & mask);
        }
    }
}
