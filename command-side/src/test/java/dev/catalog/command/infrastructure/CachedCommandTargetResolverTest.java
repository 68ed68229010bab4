package dev.catalog.command.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalog.events.image.CreateImageCommand;
import dev.catalog.events.image.DeleteImageCommand;
import dev.catalog.events.image.DeleteImageOfDeletedProductCommand;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.UpdateImageCommand;
import dev.catalog.events.product.CreateProductCommand;
import dev.catalog.events.product.DeleteProductCommand;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.UpdateProductCommand;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.IdentifierMissingException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

class CachedCommandTargetResolverTest {

    private final CachedCommandTargetResolver resolver = new CachedCommandTargetResolver();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    @Test
    void every_command_of_the_catalog_that_names_an_aggregate_resolves_as_with_axons_resolver() {
        List<Object> commands = List.of(
                new UpdateProductCommand(ProductId.of(7), "Lamp", BigDecimal.TEN, null, 3L),
                new DeleteProductCommand(ProductId.of(7), null),
                new UpdateImageCommand(ImageId.of(9), "https://img.example.com/a.png", 5, ProductId.of(7), null),
                new DeleteImageCommand(ImageId.of(9), 2L),
                new DeleteImageOfDeletedProductCommand(ImageId.of(9), ProductId.of(7)));
        for (Object command : commands) {
            var message = GenericCommandMessage.asCommandMessage(command);
            assertThat(resolver.resolveTarget(message)).as("%s", command).isEqualTo(axons.resolveTarget(message));
            assertThat(resolver.resolveTarget(message).getIdentifier()).isNotBlank();
        }
    }

    @Test
    void a_creation_command_names_no_target() {
        for (Object command : List.of(new CreateProductCommand("Lamp", BigDecimal.TEN, null),
                new CreateImageCommand("https://img.example.com/a.png", null, ProductId.of(7)))) {
            assertThatThrownBy(() -> resolver.resolveTarget(GenericCommandMessage.asCommandMessage(command)))
                    .isInstanceOf(IdentifierMissingException.class);
        }
    }

    @Test
    void a_null_identifier_names_no_target() {
        assertThatThrownBy(() -> resolver.resolveTarget(GenericCommandMessage.asCommandMessage(
                new DeleteProductCommand(null, null)))).isInstanceOf(IdentifierMissingException.class);
    }

    record Versioned(@TargetAggregateIdentifier String id, @TargetAggregateVersion Integer version) {
    }

    @Test
    void an_annotated_version_is_read_as_a_long() {
        var target = resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("a-1", 4)));
        assertThat(target.getIdentifier()).isEqualTo("a-1");
        assertThat(target.getVersion()).isEqualTo(4L);
        assertThat(resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("a-1", null))).getVersion())
                .isNull();
    }
}
