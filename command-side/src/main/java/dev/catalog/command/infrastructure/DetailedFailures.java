package dev.catalog.command.infrastructure;

import dev.catalog.events.common.CommandFailure;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * The local command bus as Axon Server hands it the commands of other instances (ADR 28). Axon Server carries a
 * failure's message and its {@code CommandExecutionException} details, not the exception: a failure that callers
 * tell apart (a rejection, a missing aggregate, a concurrent modification) is answered as a
 * {@link CommandExecutionException} whose details describe it ({@link CommandFailure#detailsOf}). Wrapped here, around
 * the whole unit of work, rather than in a handler interceptor: a rejection can come from the commit (a name taken
 * meanwhile is refused by the writes sent with the commit, ADR 21), after every interceptor has returned.
 *
 * <p>Everything else is the local bus's own: handlers, interceptors, its transaction per command.
 */
final class DetailedFailures implements CommandBus {

    private final CommandBus local;

    DetailedFailures(CommandBus local) {
        this.local = local;
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        local.dispatch(command);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command,
                                CommandCallback<? super C, ? super R> callback) {
        local.<C, R>dispatch(command, (message, result) -> callback.onResult(message, detailed(result)));
    }

    static <R> CommandResultMessage<? extends R> detailed(CommandResultMessage<? extends R> result) {
        if (!result.isExceptional() || HandlerExecutionException.resolveDetails(result.exceptionResult()).isPresent()) {
            return result;
        }
        Throwable failure = result.exceptionResult();
        Object details = CommandFailure.detailsOf(failure);
        if (details == null) {
            return result;
        }
        return new GenericCommandResultMessage<R>(new CommandExecutionException(failure.getMessage(), failure, details),
                result.getMetaData());
    }

    @Override
    public Registration subscribe(String commandName,
                                  MessageHandler<? super CommandMessage<?>> handler) {
        return local.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return local.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return local.registerDispatchInterceptor(dispatchInterceptor);
    }
}
