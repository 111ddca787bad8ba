package io.confirmline.testing.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/** Catches every ERROR line the process logs while it is attached, from any thread. */
public final class ErrorLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final ConcurrentLinkedQueue<ILoggingEvent> errors = new ConcurrentLinkedQueue<>();
    private final Logger root;

    private ErrorLog() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        setContext(context);
        setName("fuzz-error-log");
        start();
        root.addAppender(this);
    }

    public static ErrorLog attach() {
        return new ErrorLog();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            errors.add(event);
        }
    }

    /** Each as {@code logger: message (exception)}. */
    public List<String> lines() {
        return errors.stream().map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ": "
                        + e.getThrowableProxy().getMessage() + ")")).toList();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
