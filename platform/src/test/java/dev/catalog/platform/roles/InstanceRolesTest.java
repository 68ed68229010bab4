package dev.catalog.platform.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstanceRolesTest {

    @Test
    void unset_or_blank_means_every_role() {
        assertThat(InstanceRoles.parse(null).isAll()).isTrue();
        assertThat(InstanceRoles.parse("  ").toString()).isEqualTo("api,processors");
    }

    @Test
    void roles_are_read_comma_separated_in_any_case_and_order_with_spaces() {
        InstanceRoles roles = InstanceRoles.parse(" Processors , api ");

        assertThat(roles.servesApi()).isTrue();
        assertThat(roles.runsProcessors()).isTrue();
        assertThat(roles.toString()).isEqualTo("api,processors");
        assertThat(InstanceRoles.parse("api").runsProcessors()).isFalse();
        assertThat(InstanceRoles.parse("processors").servesApi()).isFalse();
    }

    @Test
    void an_unknown_role_is_refused_with_the_roles_that_exist() {
        assertThatThrownBy(() -> InstanceRoles.parse("api,workers"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CATALOG_ROLES").hasMessageContaining("'workers'")
                .hasMessageContaining("api, processors");
    }

    @Test
    void a_list_of_commas_names_no_role_and_is_refused() {
        assertThatThrownBy(() -> InstanceRoles.parse(" , ,"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no role");
    }
}
