package io.eyrie.platform.eventstore;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Refuses to start when Axon runs without real transactions: events, tokens and sagas would then be written
 * outside one atomic unit, and a crash could lose or duplicate work.
 */
public class TransactionManagerCheck implements SmartInitializingSingleton {
    private final Configuration configuration;

    public TransactionManagerCheck(Configuration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void afterSingletonsInstantiated() {
        var transactionManager = configuration.getComponent(org.axonframework.common.transaction.TransactionManager.class);
        if (transactionManager == null || transactionManager instanceof NoTransactionManager) {
            throw new IllegalStateException("Axon has no real transaction manager (found " + transactionManager
                    + "); refusing to start");
        }
    }
}
