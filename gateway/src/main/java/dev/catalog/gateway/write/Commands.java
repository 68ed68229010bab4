package dev.catalog.gateway.write;

import dev.catalog.gateway.error.Failures;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * The write step of every mutation. A command updates the read views in its own transaction (inline
 * projections, ADR 15), so once it returns the views hold the write, for this request and for any later one on
 * any instance. Creations and updates return the state they produced ({@code ProductState}, {@code ImageState}),
 * which is what their row in the view now holds: a mutation answers with it, never by re-applying domain rules.
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** Sends a command and waits for its result; a refusal is thrown as the command side threw it. */
    public <R> R send(Object command) {
        return gateway.sendAndWait(command);
    }

    /** Sends a command to an aggregate that may not exist: empty when it does not, or was deleted. */
    public <R> Optional<R> sendToExisting(Object command) {
        try {
            return Optional.of(gateway.sendAndWait(command));
        } catch (RuntimeException e) {
            if (Failures.isMissingAggregate(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
