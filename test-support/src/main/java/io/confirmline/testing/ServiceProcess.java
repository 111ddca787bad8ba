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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of our Spring Boot applications in a JVM of its own, as it runs in production: its own classpath (the
 * module's {@code target/classes} and the runtime classpath the build wrote to
 * {@code target/runtime-classpath.txt}), its own {@code application.yml}, settings as command-line arguments. It
 * runs under the same watchdog as the registry, so it dies with the JVM that started it. Output goes to a log
 * file; {@link #awaitHealthy} waits for {@code /actuator/health}.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);

    private final String name;
    private final int port;
    private final Process watchdog;
    private final Path logFile;
    private final String command;
    private final Path module;
    private final Launch launch;

    /** What {@link #startAgain} needs to start the application afresh, with other JVM options. */
    private record Launch(String mainClass, Map<String, String> settings, Path logDirectory) {}

    private ServiceProcess(
            String name, int port, Process watchdog, Path logFile, String command, Path module, Launch launch) {
        this.name = name;
        this.port = port;
        this.watchdog = watchdog;
        this.logFile = logFile;
        this.command = command;
        this.module = module;
        this.launch = launch;
    }

    /**
     * Starts the application with the JVM options of {@link JvmOptions#fromSystemProperties()}; returns at once (see
     * {@link #awaitHealthy}).
     *
     * @param module the module's directory (holding {@code target/classes})
     * @param settings Spring properties passed as {@code --key=value}
     */
    public static ServiceProcess start(
            String name, Path module, String mainClass, int port, Map<String, String> settings, Path logDirectory) {
        return start(name, module, mainClass, port, settings, logDirectory, JvmOptions.fromSystemProperties());
    }

    /**
     * As above, with these JVM options. With CDS and no archive yet, a training start makes it first (see
     * {@link AppCds}): this call then takes as long as one start of the application.
     */
    public static ServiceProcess start(
            String name,
            Path module,
            String mainClass,
            int port,
            Map<String, String> settings,
            Path logDirectory,
            JvmOptions jvm) {
        Path classes = module.resolve("target/classes");
        Path classpathFile = module.resolve("target/runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(
                    name + " is not built (" + classpathFile + " missing): run ./mvnw install -DskipTests");
        }
        try {
            String dependencies = Files.readString(classpathFile).trim();
            String classpath = classes + java.io.File.pathSeparator + dependencies;
            List<String> options = new ArrayList<>(jvm.options());
            if (jvm.aot()) {
                Optional<String> whyNot = SpringAot.whyNot(module, mainClass, dependencies);
                if (whyNot.isEmpty()) {
                    options.add(0, "-Dspring.aot.enabled=true"); // first, so that a later -D of the caller wins
                } else if (Files.isDirectory(module.resolve("target/spring-aot"))) {
                    // Only for a module whose build generates AOT code; the sandboxes have none and need no word.
                    LOG.warn("{} starts without Spring AOT: {}", name, whyNot.get());
                }
            }
            Files.createDirectories(logDirectory);
            if (jvm.cds()) {
                AppCds.Plan plan = AppCds.plan(module, dependencies, options);
                if (!plan.trained()) {
                    train(
                            name,
                            module,
                            port,
                            command(plan.classpath(), join(options, plan.options()), mainClass, port, settings),
                            logDirectory.resolve(name + "-cds-training.log"));
                    plan = AppCds.plan(module, dependencies, options);
                }
                classpath = plan.classpath();
                if (plan.trained()) {
                    options.addAll(0, plan.options());
                }
            }
            Path logFile = logDirectory.resolve(name + ".log");
            String command = command(classpath, options, mainClass, port, settings);
            Process watchdog = RegistryServer.superviseUntilParentExits(
                    command, ProcessHandle.current().pid(), module, logFile);
            return new ServiceProcess(
                    name,
                    port,
                    watchdog,
                    logFile,
                    command,
                    module,
                    new Launch(
                            mainClass,
                            java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings)),
                            logDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String command(
            String classpath, List<String> options, String mainClass, int port, Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(RegistryServer.quote(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        options.forEach(option -> command.add(RegistryServer.quote(option)));
        command.addAll(List.of("-cp", RegistryServer.quote(classpath), mainClass, "--server.port=" + port));
        settings.forEach((key, value) -> command.add(RegistryServer.quote("--" + key + "=" + value)));
        return String.join(" ", command);
    }

    /**
     * The training start of {@link AppCds}: the application started until healthy and asked what a probe and a scrape
     * ask, so the archive also holds the classes of serving a request (the first readiness answer was most of a second
     * after the context had started), then stopped as at any shutdown; the archive is written at exit.
     */
    private static void train(String name, Path module, int port, String command, Path logFile) throws IOException {
        Process training = RegistryServer.superviseUntilParentExits(
                command, ProcessHandle.current().pid(), module, logFile);
        try {
            String base = "http://127.0.0.1:" + port;
            if (RegistryServer.awaitOk(
                    training, URI.create(base + "/actuator/health"), Duration.ofMinutes(3), name, logFile)) {
                RegistryServer.awaitOk(
                        training,
                        URI.create(base + "/actuator/health/readiness"),
                        Duration.ofSeconds(5),
                        name,
                        logFile);
                RegistryServer.awaitOk(
                        training, URI.create(base + "/actuator/prometheus"), Duration.ofSeconds(5), name, logFile);
            } else {
                System.err.println(name + ": the AppCDS training start was not healthy within 3 minutes; starting "
                        + "without; see " + logFile);
            }
        } catch (IllegalStateException exited) {
            System.err.println(
                    name + ": the AppCDS training start failed (" + exited.getMessage() + "); starting without");
        } finally {
            RegistryServer.stopSupervised(training);
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
            Process restarted = RegistryServer.superviseUntilParentExits(
                    command, ProcessHandle.current().pid(), module, restartedLog);
            return new ServiceProcess(name, port, restarted, restartedLog, command, module, launch);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart " + name, e);
        }
    }

    /**
     * Starts the application again after {@link #close} or {@link #kill}, with the same settings and port and these JVM
     * options (a start-up benchmark compares them); its output replaces the first log. Returns at once.
     */
    public ServiceProcess startAgain(JvmOptions jvm) {
        return start(name, module, launch.mainClass(), port, launch.settings(), launch.logDirectory(), jvm);
    }

    /** Stops the application (SIGTERM: a graceful Spring shutdown) and waits for it. */
    @Override
    public void close() {
        RegistryServer.stopSupervised(watchdog);
    }
}
