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
