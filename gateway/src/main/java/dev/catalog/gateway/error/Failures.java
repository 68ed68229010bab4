package dev.catalog.gateway.error;

import dev.catalog.graphql.error.Causes;
import dev.catalog.events.common.CommandRejectedException;
import java.util.Objects;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** Reads what went wrong out of an exception raised by a command, wrapped or not. */
public final class Failures {

    private Failures() {
    }

    /** True when the command named an aggregate that does not exist or was deleted. */
    public static boolean isMissingAggregate(Throwable exception) {
        return causedBy(exception, AggregateNotFoundException.class);
    }

    /**
     * The rejection behind an exception: thrown directly by a local command handler, or carried as
     * details of a {@link CommandExecutionException} across a distributed command bus; else {@code null}.
     */
    public static CommandRejectedException rejectionIn(Throwable exception) {
        return Causes.of(exception).map(Failures::rejection).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static CommandRejectedException rejection(Throwable cause) {
        if (cause instanceof CommandRejectedException rejected) {
            return rejected;
        }
        if (cause instanceof CommandExecutionException execution
                && execution.getDetails().orElse(null) instanceof CommandRejectedException.Rejection r) {
            return r.toException();
        }
        return null;
    }

    public static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
        return Causes.find(exception, type).isPresent();
    }
}
