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
        byte[] quad = dottedQuad(trimmed);
        if (quad != null) {
            return address(quad);
        }
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

    /**
     * The bytes of a plain dotted quad ({@code 127.0.0.1}: no port, every part at most 255), else null; without a
     * regex, since every request's peer address is parsed. What it accepts, {@link #IPV4} accepts the same way.
     */
    static byte[] dottedQuad(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && part < 3 && value <= 255) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (part != 3 || digits == 0 || value > 255) {
            return null;
        }
        bytes[3] = (byte) value;
        return bytes;
    }

    private static Optional<InetAddress> address(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
