package io.confirmline.background;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Runs a wake-up once the reactive transaction the caller is in commits — so a background loop looks for the work
 * that transaction wrote as soon as it is visible, instead of at its next poll. A rolled-back transaction wakes
 * nobody; without a transaction (auto-commit) the wake-up runs at once, the statement being committed already.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Completes at once; {@code wakeUp} runs after the commit, and a failure in it is not the transaction's. */
    public static Mono<Void> wake(Runnable wakeUp) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(transaction -> {
                    if (transaction.isSynchronizationActive()) {
                        transaction.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(wakeUp).onErrorResume(e -> Mono.empty()).then();
                            }
                        });
                    } else {
                        wakeUp.run();
                    }
                })
                .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(wakeUp))
                .then();
    }
}
