package io.confirmline.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback's {@code %ex} with phone numbers and secrets masked: an exception's message (and every cause's and
 * suppressed exception's) is text we do not control — a client's error body, a driver's "value ... violates" — and
 * reaches the log as written. Registered as {@code %maskedEx} and in place of {@code %ex}, {@code %exception} and
 * {@code %throwable}.
 */
public class MaskingThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return SensitiveText.mask(super.throwableProxyToString(throwable));
    }
}
