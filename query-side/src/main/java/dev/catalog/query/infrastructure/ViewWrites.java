package dev.catalog.query.infrastructure;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Guards a projection's write: it must run inside a transaction, the command's (inline projections) or the
 * replay's ({@link ViewReplay}), so view rows commit with the events they come from or not at all. A write
 * outside a transaction means Axon is not wired with Spring's transaction manager; it fails loudly rather
 * than silently lose that guarantee.
 */
@Component
public class ViewWrites {

    /**
     * Runs {@code write} in the current transaction.
     *
     * @throws IllegalStateException when no transaction is active
     */
    public void write(Runnable write) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A projection wrote outside a transaction: Axon's TransactionManager must be "
                    + "Spring's (SpringTransactionManager) so view rows commit with their events");
        }
        write.run();
    }
}
