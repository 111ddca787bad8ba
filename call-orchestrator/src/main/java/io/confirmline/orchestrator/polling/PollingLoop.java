package io.confirmline.orchestrator.polling;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background thread that does a unit of work again and again — claim due calls, relay outbox rows — and
 * pauses when a round found nothing to do, or for a second after a failure (the database or broker is away).
 * Started and stopped with the application.
 */
public class PollingLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    private final String name;
    private final IntSupplier round;
    private final Duration idle;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name the thread's name, also used in log lines
     * @param round does one round of work and returns how much it did; 0 means "nothing to do, pause"
     * @param idle how long to pause when a round did nothing
     */
    public PollingLoop(String name, IntSupplier round, Duration idle) {
        this.name = name;
        this.round = round;
        this.idle = idle;
    }

    private void run() {
        while (running) {
            try {
                if (round.getAsInt() == 0) {
                    Thread.sleep(idle.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("{}: {}; trying again", name, e.toString());
                try {
                    Thread.sleep(AFTER_FAILURE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
