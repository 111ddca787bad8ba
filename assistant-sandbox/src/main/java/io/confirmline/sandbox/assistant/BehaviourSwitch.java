package io.confirmline.sandbox.assistant;

/** The behaviour in force, counted down per chat request when it was set for a number of them. */
final class BehaviourSwitch {

    private Behaviour current = Behaviour.NORMAL;
    private int remaining;

    synchronized void set(Behaviour behaviour) {
        current = behaviour;
        remaining = behaviour.count();
    }

    synchronized Behaviour current() {
        return current;
    }

    /** The behaviour for one chat request; a counted behaviour gives way to NORMAL once used up. */
    synchronized Behaviour take() {
        Behaviour taken = current;
        if (taken.count() > 0 && --remaining == 0) {
            current = Behaviour.NORMAL;
        }
        return taken;
    }
}
