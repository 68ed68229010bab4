package dev.catalog.gateway.write;

import dev.catalog.events.common.CommandFailure;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.common.DatabaseFailure;
import dev.catalog.gateway.error.Failures;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
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

    /**
     * Sends a command and waits for its result; a refusal is thrown as the command side threw it. The command carries
     * who sends it and the request's id ({@link Origin}), which its events record.
     */
    public <R> R send(Object command) {
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Origin.current()));
        } catch (CommandExecutionException e) {
            throw asThrownByHandler(e);
        }
    }

    /** Sends a command to an aggregate that may not exist: empty when it does not, or was deleted. */
    public <R> Optional<R> sendToExisting(Object command) {
        try {
            return Optional.of(send(command));
        } catch (RuntimeException e) {
            if (Failures.isMissingAggregate(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The exception the handler threw, when it ran on another instance: Axon Server delivers a remote failure as a
     * {@code CommandExecutionException} that carries only its message and details (ADR 28). Else {@code failure}.
     */
    static RuntimeException asThrownByHandler(CommandExecutionException failure) {
        Object details = failure.getDetails().orElse(null);
        if (details instanceof CommandRejectedException.Rejection rejection) {
            return rejection.toException();
        }
        if (details instanceof CommandFailure described) {
            return described.toException();
        }
        if (details instanceof DatabaseFailure database) {
            return database.toException();
        }
        return failure;
    }
}
