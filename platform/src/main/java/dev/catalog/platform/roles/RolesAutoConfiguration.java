package dev.catalog.platform.roles;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** This instance's {@link InstanceRoles}, read once from {@code catalog.roles}; a wrong value stops the start. */
// Named, not referenced: the database package depends on this one.
@AutoConfiguration(beforeName = "dev.catalog.platform.database.DatabaseAutoConfiguration")
public class RolesAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public InstanceRoles instanceRoles(Environment environment) {
        return InstanceRoles.parse(environment.getProperty(InstanceRoles.PROPERTY));
    }
}
