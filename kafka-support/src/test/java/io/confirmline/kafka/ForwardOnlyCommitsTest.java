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
package io.confirmline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The commit filter on Kafka's own in-memory consumer: the group's offset (what a successor would start from) after
 * the commits a listener container and its error handler make. {@code OffsetCommitComponentTest} shows the same
 * against a real broker through the container.
 */
class ForwardOnlyCommitsTest {

    private final TopicPartition partition = new TopicPartition("calls", 0);
    private final TopicPartition other = new TopicPartition("calls", 1);
    private final MockConsumer<String, String> kafka = new MockConsumer<>("earliest");
    private final Consumer<String, String> consumer = ForwardOnlyCommits.wrap(kafka);

    @BeforeEach
    void assign() {
        kafka.assign(List.of(partition, other));
        kafka.updateBeginningOffsets(Map.of(partition, 0L, other, 0L));
    }

    @Test
    void aCommitBehindWhatWasCommittedLeavesTheGroupWhereItIs() {
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(7)));

        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(6), other, new OffsetAndMetadata(3)));

        assertThat(groupOffset(partition)).isEqualTo(7);
        assertThat(groupOffset(other)).as("the other partition moves on").isEqualTo(3);
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(9)));
        assertThat(groupOffset(partition)).isEqualTo(9);
    }

    @Test
    void anAsynchronousCommitBehindIsDroppedAndItsCallbackToldNothingWasCommitted() {
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(7)));
        List<Map<TopicPartition, OffsetAndMetadata>> completed = new ArrayList<>();

        consumer.commitAsync(Map.of(partition, new OffsetAndMetadata(5)), (offsets, e) -> completed.add(offsets));

        assertThat(completed).containsExactly(Map.of());
        assertThat(groupOffset(partition)).isEqualTo(7);
    }

    @Test
    void anAsynchronousCommitThatSucceededRaisesTheFloor() {
        consumer.commitAsync(Map.of(partition, new OffsetAndMetadata(8)), null);

        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(4)));

        assertThat(groupOffset(partition)).isEqualTo(8);
    }

    @Test
    void afterASeekBackTheReplaysProgressIsCommitted() {
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(7)));

        consumer.seek(partition, 2);
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(3)));

        assertThat(groupOffset(partition)).isEqualTo(3);
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(2)));
        assertThat(groupOffset(partition))
                .as("still never behind the replay's own commits")
                .isEqualTo(3);
    }

    @Test
    void anAsynchronousCommitAnsweredAfterASeekBackDoesNotRaiseTheFloorAgain() {
        LateAnswers late = new LateAnswers();
        late.assign(List.of(partition));
        late.updateBeginningOffsets(Map.of(partition, 0L));
        Consumer<String, String> wrapped = ForwardOnlyCommits.wrap(late);
        wrapped.commitAsync(Map.of(partition, new OffsetAndMetadata(20)), null);

        wrapped.seek(partition, 5);
        late.answer(); // the broker's answer to the commit of 20 comes after the seek
        wrapped.commitSync(Map.of(partition, new OffsetAndMetadata(6)));

        assertThat(late.committed(Set.of(partition)).get(partition).offset())
                .as("the replay's progress after the seek")
                .isEqualTo(6);
    }

    @Test
    void afterASeekToTheBeginningAnyOffsetIsCommitted() {
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(7)));

        consumer.seekToBeginning(Set.of(partition));
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(1)));

        assertThat(groupOffset(partition)).isEqualTo(1);
    }

    @Test
    void aSeekForwardKeepsTheFloor() {
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(7)));

        consumer.seek(partition, new OffsetAndMetadata(9));
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(6)));

        assertThat(groupOffset(partition)).isEqualTo(7);
    }

    /** Kafka's in-memory consumer whose asynchronous commits are answered when the test says, as a broker's are. */
    private static final class LateAnswers extends MockConsumer<String, String> {

        private final List<Runnable> unanswered = new ArrayList<>();

        LateAnswers() {
            super("earliest");
        }

        @Override
        public synchronized void commitAsync(
                Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            unanswered.add(() -> super.commitAsync(offsets, callback));
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitAsync(offsets, null);
        }

        synchronized void answer() {
            unanswered.forEach(Runnable::run);
            unanswered.clear();
        }
    }

    private long groupOffset(TopicPartition p) {
        return kafka.committed(Set.of(p)).get(p).offset();
    }
}
