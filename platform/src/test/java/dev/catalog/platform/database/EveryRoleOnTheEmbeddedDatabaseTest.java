package dev.catalog.platform.database;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalog.platform.roles.InstanceRoles;
import org.junit.jupiter.api.Test;

class EveryRoleOnTheEmbeddedDatabaseTest {

    @Test
    void an_instance_on_its_own_embedded_database_must_run_every_role_and_is_told_why() {
        assertThatThrownBy(() -> EmbeddedDatabaseConfiguration.requireEveryRole(InstanceRoles.parse("api")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CATALOG_ROLES").hasMessageContaining("'api'")
                .hasMessageContaining("SPRING_DATASOURCE_URL");
        assertThatThrownBy(() -> EmbeddedDatabaseConfiguration.requireEveryRole(InstanceRoles.parse("processors")))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> EmbeddedDatabaseConfiguration.requireEveryRole(InstanceRoles.all())).doesNotThrowAnyException();
    }
}
