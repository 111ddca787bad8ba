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

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's consumer whose commits never move a partition's offset back. With offsets committed once per
 * interval, the listener container keeps the offsets of the polls it has finished until the interval ends; the
 * dead-letter error handler meanwhile commits a failed batch's offsets at once — further along. The container's
 * later commit of what it kept would move the group back, and an instance that crashed (or lost the partition)
 * before the next commit would hand its successor the dead-lettered record again, to be dead-lettered twice. This
 * drops, per partition, an offset lower than one this consumer has already committed — unless the consumer has
 * since been told to read from further back ({@code seek}, {@code seekToBeginning}): what it commits after that is
 * the replay's progress, and is let through. A dropped commit leaves the group where it was, further along; the
 * next commit of this consumer moves it on.
 */
final class ForwardOnlyCommits implements InvocationHandler {

    private static final Logger log = LoggerFactory.getLogger(ForwardOnlyCommits.class);

    private final Consumer<?, ?> consumer;
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    /** How many times each partition was sought: a commit answered after a seek is the old position's. */
    private final Map<TopicPartition, Long> seeks = new ConcurrentHashMap<>();

    private ForwardOnlyCommits(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    @SuppressWarnings("unchecked")
    static <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer) {
        return (Consumer<K, V>) Proxy.newProxyInstance(
                Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class}, new ForwardOnlyCommits(consumer));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("seek") && args.length == 2) {
            Object result = call(method, args); // a seek that fails (a partition not assigned) changes nothing
            long offset = args[1] instanceof OffsetAndMetadata o ? o.offset() : (Long) args[1];
            TopicPartition partition = (TopicPartition) args[0];
            seeks.merge(partition, 1L, Long::sum);
            committed.computeIfPresent(partition, (p, floor) -> Math.min(floor, offset));
            return result;
        }
        if (name.equals("seekToBeginning") && args.length == 1) {
            Object result = call(method, args);
            for (TopicPartition partition : (Collection<TopicPartition>) args[0]) {
                seeks.merge(partition, 1L, Long::sum);
                committed.remove(partition);
            }
            return result;
        }
        boolean sync = name.equals("commitSync");
        boolean async = name.equals("commitAsync");
        if (!(sync || async) || args == null || !(args[0] instanceof Map<?, ?>)) {
            return call(method, args);
        }
        Map<TopicPartition, OffsetAndMetadata> forward = forward((Map<TopicPartition, OffsetAndMetadata>) args[0]);
        OffsetCommitCallback callback = async && args.length > 1 ? (OffsetCommitCallback) args[1] : null;
        if (forward.isEmpty()) {
            if (callback != null) {
                callback.onComplete(Map.of(), null);
            }
            return null;
        }
        Object[] changed = args.clone();
        changed[0] = forward;
        if (async) {
            // An answer that arrives after a seek back must not raise the floor the seek lowered.
            Map<TopicPartition, Long> seeksWhenSent = new LinkedHashMap<>();
            forward.keySet().forEach(partition -> seeksWhenSent.put(partition, seeks.getOrDefault(partition, 0L)));
            changed[1] = (OffsetCommitCallback) (offsets, exception) -> {
                if (exception == null) {
                    Map<TopicPartition, OffsetAndMetadata> unmoved = new LinkedHashMap<>(offsets);
                    unmoved.keySet().removeIf(p -> !seeksWhenSent.get(p).equals(seeks.getOrDefault(p, 0L)));
                    remember(unmoved);
                }
                if (callback != null) {
                    callback.onComplete(offsets, exception);
                } else if (exception != null) {
                    // Kafka logs a failed commit that has no callback; this wrapper takes the callback's place.
                    log.warn("Offset commit of {} failed: {}", offsets.keySet(), exception.toString());
                }
            };
            return call(method, changed);
        }
        Object result = call(method, changed);
        remember(forward);
        return result;
    }

    /** The offsets that move their partition forward (or keep it where it is) from what was committed. */
    private Map<TopicPartition, OffsetAndMetadata> forward(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, OffsetAndMetadata> forward = new LinkedHashMap<>();
        offsets.forEach((partition, offset) -> {
            Long before = committed.get(partition);
            if (before == null || offset.offset() >= before) {
                forward.put(partition, offset);
            }
        });
        return forward;
    }

    private void remember(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.merge(partition, offset.offset(), Math::max));
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(consumer, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
