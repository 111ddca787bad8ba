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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.AbstractReactiveTransactionManager;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The wake-up follows the commit: never before it, never for a rollback, at once when there is no transaction. */
class AfterCommitTest {

    /** Spring's own transaction machinery around a resource that does nothing, recording when it commits. */
    static final class RecordingTransactions extends AbstractReactiveTransactionManager {
        final List<String> events;

        RecordingTransactions(List<String> events) {
            this.events = events;
        }

        @Override
        protected Object doGetTransaction(TransactionSynchronizationManager synchronizationManager) {
            return new Object();
        }

        @Override
        protected Mono<Void> doBegin(
                TransactionSynchronizationManager synchronizationManager,
                Object transaction,
                TransactionDefinition definition) {
            return Mono.empty();
        }

        @Override
        protected Mono<Void> doCommit(
                TransactionSynchronizationManager synchronizationManager, GenericReactiveTransaction status) {
            return Mono.fromRunnable(() -> events.add("commit"));
        }

        @Override
        protected Mono<Void> doRollback(
                TransactionSynchronizationManager synchronizationManager, GenericReactiveTransaction status) {
            return Mono.fromRunnable(() -> events.add("rollback"));
        }
    }

    final List<String> events = new ArrayList<>();
    final ReactiveTransactionManager transactions = new RecordingTransactions(events);

    @Test
    void wakesOnlyOnceTheTransactionHasCommitted() {
        Mono<Void> work = Mono.fromRunnable(() -> events.add("write"))
                .then(AfterCommit.wake(() -> events.add("wake")))
                .then(Mono.fromRunnable(() -> events.add("more work in the same transaction")));

        TransactionalOperator.create(transactions).transactional(work).block();

        assertThat(events).containsExactly("write", "more work in the same transaction", "commit", "wake");
    }

    @Test
    void aRolledBackTransactionWakesNobody() {
        Mono<Void> work = AfterCommit.wake(() -> events.add("wake"))
                .then(Mono.error(new IllegalStateException("the write failed")));

        assertThatThrownBy(() -> TransactionalOperator.create(transactions)
                        .transactional(work)
                        .block())
                .hasMessageContaining("the write failed");
        assertThat(events).containsExactly("rollback");
    }

    @Test
    void withoutATransactionItWakesAtOnce() {
        AfterCommit.wake(() -> events.add("wake")).block();

        assertThat(events).containsExactly("wake");
    }

    @Test
    void aFailingWakeUpDoesNotFailTheCommittedWork() {
        Mono<String> work = AfterCommit.wake(() -> {
                    throw new IllegalStateException("the loop is gone");
                })
                .thenReturn("done");

        assertThat(TransactionalOperator.create(transactions)
                        .transactional(work)
                        .block())
                .isEqualTo("done");
        assertThat(events).containsExactly("commit");
    }
}
