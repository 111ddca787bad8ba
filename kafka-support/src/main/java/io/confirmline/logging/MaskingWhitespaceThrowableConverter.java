package io.confirmline.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Spring Boot's {@code %wEx} / {@code %wex} (a stack trace set off by blank lines, the word Boot's own console and
 * file patterns end with) with phone numbers and secrets masked, so a pattern taken from Boot stays masked too.
 */
public class MaskingWhitespaceThrowableConverter extends MaskingThrowableConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return CoreConstants.LINE_SEPARATOR + super.throwableProxyToString(throwable) + CoreConstants.LINE_SEPARATOR;
    }
}
