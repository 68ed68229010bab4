package dev.catalog.graphql.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "192.168.1.1"));

    @Test
    void without_trusted_proxies_the_peer_is_the_client_whatever_x_forwarded_for_says() {
        ClientAddressResolver none = new ClientAddressResolver(List.of());

        assertThat(none.clientKey("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void x_forwarded_for_from_an_untrusted_peer_is_ignored() {
        assertThat(resolver.clientKey("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void behind_trusted_proxies_the_right_most_untrusted_address_is_the_client() {
        assertThat(resolver.clientKey("10.0.0.2", List.of("1.1.1.1", "198.51.100.1", "192.168.1.1")))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void when_every_hop_is_trusted_the_left_most_is_the_client() {
        assertThat(resolver.clientKey("10.0.0.2", List.of("10.9.9.9", "192.168.1.1"))).isEqualTo("10.9.9.9");
    }

    @Test
    void a_malformed_or_name_entry_stops_the_walk_at_the_last_trusted_hop() {
        assertThat(resolver.clientKey("10.0.0.2", List.of("evil.example.com"))).isEqualTo("10.0.0.2");
        assertThat(resolver.clientKey("10.0.0.2", List.of("unknown", "10.0.0.3"))).isEqualTo("10.0.0.3");
    }

    @Test
    void ipv6_clients_are_keyed_by_their_64_bit_prefix_and_ports_are_ignored() {
        ClientAddressResolver v6 = new ClientAddressResolver(List.of("2001:db8:ffff::/48"));

        assertThat(v6.clientKey("2001:db8:ffff::1", List.of("[2001:db8:1:2:aaaa::1]:443")))
                .isEqualTo(v6.clientKey("2001:db8:1:2:bbbb::9", List.of()))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(resolver.clientKey("10.0.0.2", List.of("198.51.100.1:5678"))).isEqualTo("198.51.100.1");
    }

    @Test
    void a_trusted_proxy_that_is_not_an_address_or_block_refuses_to_start() {
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("proxy.internal")))
                .hasMessageContaining("CATALOG_TRUSTED_PROXIES");
        assertThatThrownBy(() -> new ClientAddressResolver(List.of("10.0.0.0/33")))
                .hasMessageContaining("prefix");
    }
}
