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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Java 17 AppCDS for one application: the classes its start loads, parsed and verified once into an archive that
 * later starts map instead of loading again. The archive lives in {@code <module>/target/app-cds/}, named by a hash
 * of the classpath (each entry's path, size and time) and of the JVM's options, so a rebuild makes a new one instead of
 * a JVM silently refusing a stale one, and a start with other options (Spring AOT's initialisation code, which loads
 * other classes; another collector) has its own. CDS cannot archive classes from a directory, so the module's {@code target/classes} goes on
 * the classpath as a jar of itself, made next to the archive. The archive is made by a training start
 * ({@code -XX:ArchiveClassesAtExit}): the application starts, answers its health, readiness and metrics endpoints,
 * and is stopped as at any shutdown, so the archive has the classes of serving a request as well as of the start.
 */
public final class AppCds {

    /** What a JVM with CDS is started with: its classpath, and the options that use or make the archive. */
    public record Plan(String classpath, Path archive, boolean trained) {

        /**
         * The options of the real start, or of the training start when there is no archive yet. The JVM's own options
         * come after these, so theirs win.
         */
        public List<String> options() {
            return trained
                    ? List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto")
                    : List.of("-XX:ArchiveClassesAtExit=" + archive);
        }
    }

    private AppCds() {}

    /** Where the archive for this classpath and these JVM options is, and whether it is already made. */
    public static Plan plan(Path module, String dependencies, List<String> jvmOptions) {
        try {
            Path classes = module.resolve("target/classes");
            Path directory = Files.createDirectories(module.resolve("target/app-cds"));
            String hash = hash(classes, dependencies, jvmOptions);
            Path jar = directory.resolve("classes-" + hash + ".jar");
            if (!Files.exists(jar)) {
                jarOf(classes, jar);
            }
            String classpath = jar + java.io.File.pathSeparator + dependencies;
            Path archive = directory.resolve("app-" + hash + ".jsa");
            return new Plan(classpath, archive, Files.exists(archive));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the AppCDS archive of " + module, e);
        }
    }

    private static String hash(Path classes, String dependencies, List<String> jvmOptions) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> entries = new ArrayList<>();
            try (Stream<Path> files = Files.walk(classes)) {
                files.filter(Files::isRegularFile).sorted().forEach(entries::add);
            }
            for (String dependency : dependencies.split(java.io.File.pathSeparator)) {
                entries.add(Path.of(dependency));
            }
            digest.update(String.join(" ", jvmOptions).getBytes(StandardCharsets.UTF_8));
            for (Path entry : entries) {
                digest.update(entry.toString().getBytes(StandardCharsets.UTF_8));
                if (Files.exists(entry)) {
                    digest.update((Files.size(entry) + ":"
                                    + Files.getLastModifiedTime(entry).toMillis())
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void jarOf(Path classes, Path jar) throws IOException {
        Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial);
                JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            // Directory entries too: a classpath scan finds a package in a jar only through its directory entry.
            for (Path file : files.filter(f -> !f.equals(classes)).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                boolean directory = Files.isDirectory(file);
                zip.putNextEntry(new JarEntry(directory ? name + "/" : name));
                if (!directory) {
                    Files.copy(file, zip);
                }
                zip.closeEntry();
            }
        }
        Files.move(partial, jar, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
