package dev.catalog.query.infrastructure;

import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Lets Axon's Jackson 3 serializers read back a {@code ReplayToken}: without this, resetting a
 * projection (a replay) leaves its processor unable to load its own token.
 *
 * <p>Why: {@code ReplayToken} declares its reset context as {@code Object} with
 * {@code @JsonTypeInfo}. Jackson 3's default polymorphic type validator refuses any polymorphic
 * property whose declared type is {@code Object}, so {@code JdbcTokenStore} fails with
 * "denies resolution of all subtypes of base type java.lang.Object" on every claim after a reset
 * (and so would the dead-letter queue, which stores tokens too). This validator allows polymorphic
 * values of Axon's and the catalog's own types (and strings) only, so no arbitrary class named in
 * stored JSON is ever instantiated.
 *
 * <p>Axon's Spring Boot auto-configuration applies the first {@link Jackson3SerializerCustomizer}
 * bean it finds to the general, event and message serializers; it changes only how polymorphic
 * properties are checked, not the serialized form of events. An application that defines its own
 * customizer must include this validator.
 */
@Configuration(proxyBeanMethods = false)
public class TrackingTokenSerialization {

    @Bean
    public Jackson3SerializerCustomizer axonPolymorphicTypeValidatorCustomizer() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("dev.catalog.")
                .allowIfSubType(String.class)
                .build());
    }
}
