package io.confirmline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of our Spring Boot applications in a JVM of its own, as it runs in production: its own classpath (the
 * module's {@code target/classes} and the runtime classpath the build wrote to
 * {@code target/runtime-classpath.txt}), its own {@code application.yml}, settings as command-line arguments. It
 * runs under the same watchdog as the registry, so it dies with the JVM that started it. Output goes to a log
 * file; {@link #awaitHealthy} waits for {@code /actuator/health}.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process watchdog;
    private final Path logFile;
    private final String command;
    private final Path module;

    private ServiceProcess(String name, int port, Process watchdog, Path logFile, String command, Path module) {
        this.name = name;
        this.port = port;
        this.watchdog = watchdog;
        this.logFile = logFile;
        this.command = command;
        this.module = module;
    }

    /**
     * Starts the application; returns at once (see {@link #awaitHealthy}).
     *
     * @param module the module's directory (holding {@code target/classes})
     * @param settings Spring properties passed as {@code --key=value}
     */
    public static ServiceProcess start(String name, Path module, String mainClass, int port, Map<String, String> settings,
            Path logDirectory) {
        Path classes = module.resolve("target/classes");
        Path classpathFile = module.resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(name + " is not built (" + classpathFile + " missing): run ./mvnw install -DskipTests");
        }
        try {
            String classpath = classes + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
            Files.createDirectories(logDirectory);
            Path logFile = logDirectory.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(RegistryServer.quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                    "-cp", RegistryServer.quote(classpath), mainClass, "--server.port=" + port));
            settings.forEach((key, value) -> command.add(RegistryServer.quote("--" + key + "=" + value)));
            Process watchdog = RegistryServer.superviseUntilParentExits(String.join(" ", command),
                    ProcessHandle.current().pid(), module, logFile);
            return new ServiceProcess(name, port, watchdog, logFile, String.join(" ", command), module);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits until {@code /actuator/health} answers 200. */
    public void awaitHealthy(Duration timeout) {
        if (!RegistryServer.awaitOk(watchdog, URI.create(url() + "/actuator/health"), timeout, name, logFile)) {
            throw new IllegalStateException(name + " was not healthy within " + timeout + "; see " + logFile);
        }
    }

    /**
     * Kills the application at once, as {@code kill -9} would: no shutdown hook, no graceful stop, whatever it was
     * doing cut off. Returns once the process is gone.
     */
    public void kill() {
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            if (!watchdog.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the same application again, with the same settings and port, after {@link #kill} or {@link #close};
     * its output goes to {@code <name>-restarted.log} beside the first log. Returns at once (see {@link #awaitHealthy}).
     */
    public ServiceProcess restart() {
        try {
            Path restartedLog = logFile.resolveSibling(name + "-restarted.log");
            Process restarted = RegistryServer.superviseUntilParentExits(command, ProcessHandle.current().pid(), module,
                    restartedLog);
            return new ServiceProcess(name, port, restarted, restartedLog, command, module);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart " + name, e);
        }
    }

    /** Stops the application (SIGTERM: a graceful Spring shutdown) and waits for it. */
    @Override
    public void close() {
        RegistryServer.stopSupervised(watchdog);
    }
}
