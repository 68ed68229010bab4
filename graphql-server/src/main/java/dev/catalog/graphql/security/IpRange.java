package dev.catalog.graphql.security;

import java.net.InetAddress;

/**
 * An IP address or CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}).
 *
 * @param network      the block's address
 * @param prefixLength how many leading bits must match
 */
record IpRange(InetAddress network, int prefixLength) {

    /** Parses {@code address} or {@code address/prefix}; refuses names and malformed text at start-up. */
    static IpRange parse(String text) {
        String[] parts = text.strip().split("/", 2);
        InetAddress network = IpLiterals.parse(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                "CATALOG_TRUSTED_PROXIES: '" + text + "' is not an IP address or CIDR block"));
        int bits = network.getAddress().length * 8;
        int prefix;
        try {
            prefix = parts.length == 1 ? bits : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("CATALOG_TRUSTED_PROXIES: '" + text + "' has an invalid prefix length");
        }
        return new IpRange(network, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] want = network.getAddress();
        byte[] have = address.getAddress();
        if (want.length != have.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (want[i] != have[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (want[full] & mask) == (have[full] & mask);
    }
}
