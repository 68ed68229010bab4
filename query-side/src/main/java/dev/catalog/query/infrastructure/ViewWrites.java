package dev.catalog.query.infrastructure;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a projection's write inside the event processor's transaction, behind a savepoint.
 *
 * <p>Why a savepoint: in PostgreSQL a failed statement aborts the whole transaction. Without one, a
 * poisoned event (say a constraint violation) would also doom the dead-letter insert and the token
 * update that Axon runs in that same transaction, and the processor would retry the batch forever
 * instead of parking the event. Rolling back to the savepoint keeps the transaction usable.
 *
 * <p>Why the guard: view rows and the processor's token must commit together (no lost or
 * duplicated updates after a crash). A write outside a transaction means Axon is not wired with
 * Spring's transaction manager; it fails loudly rather than silently lose that guarantee.
 */
@Component
public class ViewWrites {

    private final TransactionTemplate savepoint;

    public ViewWrites(PlatformTransactionManager transactionManager) {
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs {@code write} behind a savepoint of the current transaction.
     *
     * @throws IllegalStateException when no transaction is active (see the class comment)
     */
    public void inSavepoint(Runnable write) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A projection wrote outside a transaction: Axon's TransactionManager must be "
                    + "Spring's (SpringTransactionManager) so view rows and tokens commit together");
        }
        savepoint.executeWithoutResult(status -> write.run());
    }
}
