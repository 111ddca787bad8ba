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
package io.confirmline.sandbox.eightbyeight;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The phones at the other end of a bridge: whether "the restaurant" picks up a {@code makeCall} from a VCA reply.
 * An inbound call's own {@code restaurantAnswers} wins, then {@code PUT /sandbox/restaurants/{phone}}, then
 * {@code sandbox.restaurant.answers}.
 */
@Component
class Restaurants {

    private final SandboxProperties properties;
    private final Map<String, Boolean> overrides = new ConcurrentHashMap<>();

    Restaurants(SandboxProperties properties) {
        this.properties = properties;
    }

    void set(String phone, boolean answers) {
        overrides.put(Numbers.normalised(phone), answers);
    }

    boolean answers(String phone, Optional<Boolean> forThisCall) {
        return forThisCall.orElseGet(() -> overrides.getOrDefault(
                Numbers.normalised(phone), properties.restaurant().answers()));
    }
}
