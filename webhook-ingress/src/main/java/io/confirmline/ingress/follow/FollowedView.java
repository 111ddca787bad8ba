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
