package dev.catalog.graphql.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FirewallTest {

    /** Spring Security's own patterns, which the loops replace. */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void the_checks_accept_exactly_what_spring_securitys_patterns_accept_for_every_code_point() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String value = "a" + Character.toString(codePoint) + "b";
            assertThat(Firewall.assignedAndNotControl(value, false)).as("name U+%04X", codePoint)
                    .isEqualTo(NAMES.matcher(value).matches());
            assertThat(Firewall.assignedAndNotControl(value, true)).as("value U+%04X", codePoint)
                    .isEqualTo(VALUES.matcher(value).matches());
        }
    }

    @Test
    void a_lone_surrogate_is_judged_as_the_patterns_judge_it() {
        for (String value : new String[] {"\uD800", "x\uDC00", "\uD83D\uDCA1", ""}) {
            assertThat(Firewall.assignedAndNotControl(value, true)).as(value).isEqualTo(VALUES.matcher(value).matches());
        }
    }

    @Test
    void a_header_value_with_a_line_break_or_nul_is_refused_and_a_tab_only_in_values() {
        assertThat(Firewall.assignedAndNotControl("text/plain\r\nX-Evil: 1", true)).isFalse();
        assertThat(Firewall.assignedAndNotControl("a\u0000b", true)).isFalse();
        assertThat(Firewall.assignedAndNotControl("a\tb", true)).isTrue();
        assertThat(Firewall.assignedAndNotControl("a\tb", false)).isFalse();
    }
}
