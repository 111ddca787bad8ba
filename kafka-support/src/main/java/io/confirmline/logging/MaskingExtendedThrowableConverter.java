package io.confirmline.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** Logback's {@code %xEx} (stack trace with packaging data) with phone numbers and secrets masked. */
public class MaskingExtendedThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return SensitiveText.mask(super.throwableProxyToString(throwable));
    }
}
