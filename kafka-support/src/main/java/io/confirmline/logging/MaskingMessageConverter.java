package io.confirmline.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %msg} with phone numbers and secrets masked; registered as {@code %maskedMsg} and in place of
 * {@code %msg}, {@code %m} and {@code %message}.
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return SensitiveText.mask(super.convert(event));
    }
}
