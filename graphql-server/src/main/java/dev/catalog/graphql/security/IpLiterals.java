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

    private static final Pattern IPV6 = Pattern.compile("\\[?([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:%[^\\]]*)?(?:](?::\\d{1,5})?)?");

    private IpLiterals() {
    }

    /** The address written in {@code text} (IPv4, IPv6, optionally bracketed or with a port), if it is one. */
    static Optional<InetAddress> parse(String text) {
        String trimmed = text.strip();
        byte[] v4 = ipv4(trimmed);
        if (v4 != null) {
            return address(v4);
        }
        // What is not an IPv4 address is read as IPv6: that also refuses an IPv4 spelling with a part over 255, which
        // is no IPv6 literal.
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
     * The bytes of a dotted quad ({@code 127.0.0.1}, every part of 1 to 3 digits and at most 255), with or without a
     * port of 1 to 5 digits ({@code :8080}), else null. Read without a regex: every request's peer address is parsed.
     */
    static byte[] ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        int i = 0;
        for (; i < text.length() && text.charAt(i) != ':'; i++) {
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
        if (part != 3 || digits == 0 || value > 255 || !portOrNothing(text, i)) {
            return null;
        }
        bytes[3] = (byte) value;
        return bytes;
    }

    /** Whether {@code text} ends at {@code from}, or has a colon there and then 1 to 5 digits. */
    private static boolean portOrNothing(String text, int from) {
        if (from == text.length()) {
            return true;
        }
        int digits = text.length() - from - 1;
        if (digits < 1 || digits > 5) {
            return false;
        }
        for (int i = from + 1; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Optional<InetAddress> address(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
