package dev.catalog.graphql.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The one {@link StrictHttpFirewall} configuration of the service, used by {@link CanonicalPathFilter} and by
 * Spring Security's filter chain proxy, which hands the firewalled request to everything behind it on every path,
 * whether a security chain matches or not.
 *
 * <p>Spring's rules, with its header and parameter-name checks written as loops instead of its regular
 * expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and for header values the same plus tab): those ran on
 * every read of a header and, by profiling, allocated a third of the memory of a GraphQL request.
 */
final class Firewall {

    private Firewall() {
    }

    static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(value -> assignedAndNotControl(value, false));
        firewall.setAllowedHeaderValues(value -> assignedAndNotControl(value, true));
        firewall.setAllowedParameterNames(value -> assignedAndNotControl(value, false));
        return firewall;
    }

    /** Every code point is assigned and not a control character (but for a tab, when {@code tabAllowed}). */
    static boolean assignedAndNotControl(String value, boolean tabAllowed) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
