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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether an application can start from the code Spring AOT generated for it at build time ({@code
 * spring-boot:process-aot}, bound in each service's build): its bean definitions written out as Java, so that a start
 * neither parses the configuration classes nor evaluates their conditions ({@code -Dspring.aot.enabled=true}). That
 * code is only right for the classes it was generated from: a class compiled after it (an IDE's build, a
 * {@code compile} without {@code prepare-package}) may have beans the generated code does not know. So it is used only
 * when it is at least as new as everything else in {@code target/classes}.
 */
public final class SpringAot {

    /** What {@code -Dspring.aot.enabled=true} needs: the generated initialiser of the application's context. */
    private static final String INITIALISER = "__ApplicationContextInitializer.class";

    private SpringAot() {}

    /**
     * Empty when the application can start from its generated code; otherwise why not, in a sentence for a log line.
     * The generated code also holds the bean definitions of our shared modules' auto-configurations (kafka-support's),
     * so a jar or class directory of ours on {@code dependencies} (the runtime classpath) newer than it makes it stale
     * too, e.g. after {@code ./mvnw -pl kafka-support install} alone.
     */
    public static Optional<String> whyNot(Path module, String mainClass, String dependencies) {
        Path classes = module.resolve("target/classes");
        Path initialiser = classes.resolve(mainClass.replace('.', '/') + INITIALISER);
        if (!Files.isRegularFile(initialiser)) {
            return Optional.of("no Spring AOT code in " + classes + " (built without spring-boot:process-aot)");
        }
        FileTime generated = modified(initialiser);
        Optional<String> newer = newerThan(classes, generated, true);
        Path repository = module.toAbsolutePath().normalize().getParent();
        for (String entry : dependencies.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue; // Path.of("") would be the working directory
            }
            Path path = Path.of(entry).toAbsolutePath().normalize();
            boolean ours = entry.replace('\\', '/').contains("/io/confirmline/")
                    || (repository != null && path.startsWith(repository));
            if (newer.isPresent() || !ours || !Files.exists(path)) {
                continue;
            }
            newer = newerThan(path, generated, false);
        }
        return newer.map(
                file -> "its Spring AOT code is older than " + file + " (rebuild with ./mvnw install -DskipTests)");
    }

    /** The first file under {@code root} (a directory or one jar) modified after {@code time}. */
    private static Optional<String> newerThan(Path root, FileTime time, boolean skipGenerated) {
        if (!Files.isDirectory(root)) {
            return modified(root).compareTo(time) > 0 ? Optional.of(root.toString()) : Optional.empty();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !skipGenerated || !isGenerated(root.relativize(file)))
                    .filter(file -> modified(file).compareTo(time) > 0)
                    .findFirst()
                    .map(file -> skipGenerated ? root.relativize(file).toString() : file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root, e);
        }
    }

    /**
     * Spring's names for what it generates: classes named {@code Type__BeanDefinitions} or {@code Type$$SpringCGLIB$$0},
     * and hints under {@code META-INF/native-image/}. Only classes: a Flyway migration ({@code V2__calls.sql}) is ours.
     */
    static boolean isGenerated(Path relative) {
        String path = relative.toString().replace('\\', '/');
        String name = relative.getFileName().toString();
        return (name.endsWith(".class") && (name.contains("__") || name.contains("$$SpringCGLIB$$")))
                || path.startsWith("META-INF/native-image/");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
