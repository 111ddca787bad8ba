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
package io.confirmline.ingress.follow;

/**
 * What a {@link CompactedTopicFollower} keeps up to date: an in-memory view of one compacted topic, rebuilt from
 * its beginning at every start. Written only by the follower's thread; read by any.
 *
 * @param <V> the topic's value type
 */
public interface FollowedView<V> {

    /** A record with a value: it replaces whatever the view held for {@code key}. */
    void put(String key, V value, String traceParent);

    /** A tombstone: the key is gone. */
    void remove(String key);

    /** Drops what has aged out; returns how many entries went. */
    int sweep();

    /** How many entries the view holds (a gauge, and the readiness detail). */
    int size();

    /** Whether the view has read up to where the topic ended when the follower started. */
    boolean caughtUp();

    /** Called by the follower once, when the view has caught up. */
    void markCaughtUp();
}
