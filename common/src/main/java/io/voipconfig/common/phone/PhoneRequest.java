package io.voipconfig.common.phone;

import java.util.Optional;

import io.voipconfig.common.mac.MacAddress;

/**
 * The facts of one phone request that authentication needs.
 *
 * @param requestUri the request target exactly as sent (Digest binds to it)
 * @param pathMac the MAC in the file name, if the file name has one
 * @param orgSlug the organization pinned by an {@code /o/{slug}/} prefix
 * @param clientIp as resolved by {@link io.voipconfig.common.phoneauth.ClientAddress}
 * @param host the host name the phone asked for (lower-case, no port), as resolved by
 *        {@link io.voipconfig.common.phoneauth.ClientAddress#host}; null when the request named none
 */
public record PhoneRequest(
        String method,
        String requestUri,
        Optional<MacAddress> pathMac,
        Optional<String> orgSlug,
        String userAgent,
        String authorization,
        String clientIp,
        String host) {
}
