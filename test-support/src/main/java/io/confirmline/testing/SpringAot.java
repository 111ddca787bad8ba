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
     */
    public static Optional<String> whyNot(Path module, String mainClass) {
        Path classes = module.resolve("target/classes");
        Path initialiser = classes.resolve(mainClass.replace('.', '/') + INITIALISER);
        if (!Files.isRegularFile(initialiser)) {
            return Optional.of("no Spring AOT code in " + classes + " (built without spring-boot:process-aot)");
        }
        try (Stream<Path> files = Files.walk(classes)) {
            FileTime generated = Files.getLastModifiedTime(initialiser);
            Optional<Path> newer = files.filter(Files::isRegularFile)
                    .filter(file -> !isGenerated(classes.relativize(file)))
                    .filter(file -> modified(file).compareTo(generated) > 0)
                    .findFirst();
            return newer.map(file -> "its Spring AOT code is older than " + classes.relativize(file)
                    + " (rebuild with ./mvnw install -DskipTests)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + classes, e);
        }
    }

    /** Spring's names for what it generates: {@code Type__BeanDefinitions}, {@code Type$$SpringCGLIB$$0}, hints. */
    static boolean isGenerated(Path relative) {
        String path = relative.toString().replace('\\', '/');
        String name = relative.getFileName().toString();
        return name.contains("__") || name.contains("$$SpringCGLIB$$") || path.startsWith("META-INF/native-image/");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
