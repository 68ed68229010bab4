package dev.catalog.graphql.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever resolving a name: {@code X-Forwarded-For} is written by clients,
 * and {@link InetAddress#getByName} would send a DNS query for anything that is not a literal.
 */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");
    private static final Pattern IPV6 = Pattern.compile("\\[?([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:%[^\\]]*)?(?:](?::\\d{1,5})?)?");

    private IpLiterals() {
    }

    /** The address written in {@code text} (IPv4, IPv6, optionally bracketed or with a port), if it is one. */
    static Optional<InetAddress> parse(String text) {
        String trimmed = text.strip();
        Matcher v4 = IPV4.matcher(trimmed);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(v4.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return address(bytes);
        }
        Matcher v6 = IPV6.matcher(trimmed);
        if (v6.matches()) {
            try {
                // Brackets make the JDK parse an IPv6 literal or fail; never a name lookup.
                return Optional.of(InetAddress.getByName("[" + v6.group(1) + "]"));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> address(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
