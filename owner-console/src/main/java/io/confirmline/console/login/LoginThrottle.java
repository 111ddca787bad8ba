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
package io.confirmline.console.login;

import io.confirmline.console.security.ConsoleSecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per account and per client address in a sliding window. An attempt takes a failure slot before
 * its password is checked, so a burst of parallel guesses cannot slip past the limit while the hashes are being
 * compared; a success gives the slot back and clears the account's count.
 *
 * <p>Kept in memory, like the sessions themselves: one console instance (or sticky sessions) is the deployment
 * this assumes, and a restart forgets the counts.
 */
@Component
public class LoginThrottle {

    /** Which limit refused an attempt. */
    public enum Limit {
        ACCOUNT,
        ADDRESS
    }

    /** Beyond this many tracked keys, expired ones are swept at once instead of on their next use. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> accounts = new HashMap<>();
    private final Map<String, Deque<Instant>> addresses = new HashMap<>();

    public LoginThrottle(ConsoleSecurityProperties properties, ObjectProvider<Clock> clock) {
        this.maxPerAccount = properties.login().maxFailuresPerAccount();
        this.maxPerAddress = properties.login().maxFailuresPerAddress();
        this.window = properties.login().failureWindow();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Takes a failure slot for the attempt, or says which limit refuses it (then nothing is counted: a refused
     * attempt checks no password, so it tells an attacker nothing and does not extend the lock).
     */
    public synchronized Optional<Limit> tryAcquire(String account, String address) {
        Instant now = clock.instant();
        sweepIfLarge(now);
        Deque<Instant> byAccount = recent(accounts, account, now);
        Deque<Instant> byAddress = recent(addresses, address, now);
        if (byAccount.size() >= maxPerAccount) {
            return Optional.of(Limit.ACCOUNT);
        }
        if (byAddress.size() >= maxPerAddress) {
            return Optional.of(Limit.ADDRESS);
        }
        byAccount.addLast(now);
        byAddress.addLast(now);
        return Optional.empty();
    }

    /** The attempt with this slot signed in: its account starts afresh, and the address is not charged for it. */
    public synchronized void succeeded(String account, String address) {
        accounts.remove(account);
        Deque<Instant> byAddress = addresses.get(address);
        if (byAddress != null) {
            byAddress.pollLast();
            if (byAddress.isEmpty()) {
                addresses.remove(address);
            }
        }
    }

    /** How long until the account can try again (for the page's message); zero when it can now. */
    public synchronized Duration retryAfter(String account, String address) {
        Instant now = clock.instant();
        Instant until = Instant.MIN;
        Deque<Instant> byAccount = recent(accounts, account, now);
        if (byAccount.size() >= maxPerAccount) {
            until = byAccount.peekFirst().plus(window);
        }
        Deque<Instant> byAddress = recent(addresses, address, now);
        if (byAddress.size() >= maxPerAddress
                && byAddress.peekFirst().plus(window).isAfter(until)) {
            until = byAddress.peekFirst().plus(window);
        }
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }

    private Deque<Instant> recent(Map<String, Deque<Instant>> counts, String key, Instant now) {
        Deque<Instant> failures = counts.computeIfAbsent(key, k -> new ArrayDeque<>());
        Instant horizon = now.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
            failures.pollFirst();
        }
        return failures;
    }

    private void sweepIfLarge(Instant now) {
        if (accounts.size() + addresses.size() <= SWEEP_ABOVE) {
            return;
        }
        Instant horizon = now.minus(window);
        accounts.values()
                .removeIf(failures -> failures.isEmpty() || !failures.peekLast().isAfter(horizon));
        addresses
                .values()
                .removeIf(failures -> failures.isEmpty() || !failures.peekLast().isAfter(horizon));
    }
}
