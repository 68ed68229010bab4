package dev.catalog.graphql.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    @Test
    void a_plain_dotted_quad_is_read_without_the_pattern_and_to_the_same_address() throws Exception {
        for (String text : new String[] {"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.1.20.255", "001.02.3.4"}) {
            assertThat(IpLiterals.dottedQuad(text)).as(text).isEqualTo(viaPattern(text));
            assertThat(IpLiterals.parse(text)).as(text).contains(InetAddress.getByAddress(viaPattern(text)));
        }
    }

    @Test
    void anything_else_is_left_to_the_patterns() {
        for (String text : new String[] {"", ".", "1.2.3", "1.2.3.4.", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.256",
                "256.1.1.1", "1.2.3.4:8080", "1234.1.1.1", "1.2.3.a", "::1", "example.com", "1.2.3.\u0664"}) {
            assertThat(IpLiterals.dottedQuad(text)).as(text).isNull();
        }
    }

    @Test
    void what_the_patterns_read_is_unchanged() throws Exception {
        assertThat(IpLiterals.parse(" 1.2.3.4:8080 ")).contains(InetAddress.getByAddress(new byte[] {1, 2, 3, 4}));
        assertThat(IpLiterals.parse("1.2.3.256")).isEmpty();
        assertThat(IpLiterals.parse("[::1]:443")).contains(InetAddress.getByName("::1"));
        assertThat(IpLiterals.parse("example.com")).isEmpty();
        assertThat(IpLiterals.parse("1.2.3.\u0664")).isEmpty();
    }

    /** The bytes the IPv4 pattern gives {@code text}, which must match it. */
    private static byte[] viaPattern(String text) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        assertThat(text).matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
        return bytes;
    }
}
