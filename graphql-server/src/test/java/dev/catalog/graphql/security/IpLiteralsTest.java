package dev.catalog.graphql.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    /** The pattern IPv4 literals were read by before they were read by hand: the reference. */
    private static final Pattern REFERENCE =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");

    @Test
    void a_dotted_quad_with_or_without_a_port_is_read_as_the_pattern_reads_it() throws Exception {
        for (String text : new String[] {"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.1.20.255", "001.02.3.4",
                "1.2.3.4:8080", "1.2.3.4:0", "1.2.3.4:65535", "1.2.3.4:99999"}) {
            assertThat(IpLiterals.ipv4(text)).as(text).isEqualTo(viaReference(text));
            assertThat(IpLiterals.parse(text)).as(text).contains(InetAddress.getByAddress(viaReference(text)));
        }
    }

    @Test
    void anything_else_is_no_ipv4_address() {
        for (String text : new String[] {"", ".", "1.2.3", "1.2.3.4.", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.256",
                "256.1.1.1", "1234.1.1.1", "1.2.3.a", "1.2.3.4:", "1.2.3.4:123456", "1.2.3.4:8a", "1.2.3.4::1",
                "::1", "example.com", "1.2.3.\u0664"}) {
            assertThat(IpLiterals.ipv4(text)).as(text).isNull();
        }
    }

    @Test
    void what_is_not_an_address_is_none_and_ipv6_is_still_read() throws Exception {
        assertThat(IpLiterals.parse(" 1.2.3.4:8080 ")).contains(InetAddress.getByAddress(new byte[] {1, 2, 3, 4}));
        for (String text : new String[] {"1.2.3.256", "1.2.3.256:80", "999.1.1.1:1", "1.2.3.4:", "1.2.3.4:123456",
                "example.com", "1.2.3.\u0664"}) {
            assertThat(IpLiterals.parse(text)).as(text).isEmpty();
        }
        assertThat(IpLiterals.parse("[::1]:443")).contains(InetAddress.getByName("::1"));
        assertThat(IpLiterals.parse("::ffff:10.0.0.1")).contains(InetAddress.getByName("10.0.0.1"));
    }

    /** The bytes the reference pattern gives {@code text}, which must match it with every part at most 255. */
    private static byte[] viaReference(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        assertThat(matcher.matches()).as(text).isTrue();
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int part = Integer.parseInt(matcher.group(i + 1));
            assertThat(part).isLessThanOrEqualTo(255);
            bytes[i] = (byte) part;
        }
        return bytes;
    }
}
