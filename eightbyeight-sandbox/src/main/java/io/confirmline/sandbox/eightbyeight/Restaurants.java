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
        return forThisCall.orElseGet(() -> overrides.getOrDefault(Numbers.normalised(phone),
                properties.restaurant().answers()));
    }
}
