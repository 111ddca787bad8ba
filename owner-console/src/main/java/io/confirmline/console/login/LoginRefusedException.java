package io.confirmline.console.login;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins for the account or from the address: refused before any password is checked. */
public class LoginRefusedException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginRefusedException(LoginThrottle.Limit limit, Duration retryAfter) {
        super("Too many failed sign-ins for this " + (limit == LoginThrottle.Limit.ACCOUNT ? "account" : "address"));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
