/*
 * Copyright 2026 the ConfirmLine authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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

    private AfterCommit() {}

    /** Completes at once; {@code wakeUp} runs after the commit, and a failure in it is not the transaction's. */
    public static Mono<Void> wake(Runnable wakeUp) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(transaction -> {
                    if (transaction.isSynchronizationActive()) {
                        transaction.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(wakeUp)
                                        .onErrorResume(e -> Mono.empty())
                                        .then();
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
