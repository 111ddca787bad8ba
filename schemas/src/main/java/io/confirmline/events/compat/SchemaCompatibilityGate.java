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
package io.confirmline.events.compat;

import io.confirmline.events.Topic;
import io.confirmline.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The build's compatibility gate, for every schema in the current directory ({@code Name.avsc}) against each of its
 * released versions ({@code released/Name/<version>.avsc}):
 * <ul>
 *   <li>the new schema must read data written with every released version (Confluent's BACKWARD_TRANSITIVE): our
 *       consumers upgrade first, so a new schema that cannot read old records would break them;</li>
 *   <li>for the schema of a public topic ({@link Topic#publicContract()}), every release from the baseline on must
 *       also read data written with the new schema (with the first rule, FULL_TRANSITIVE): the platform and
 *       downstream teams keep their readers and writers on a released schema for as long as they like.</li>
 * </ul>
 * The baseline is the version named in {@code released/BASELINE} (the first release in which every public enum has a
 * default, design.md §10.2); releases before it are checked backward only, as they always were.
 *
 * <p>Run by the {@code schemas} build after compilation; a violation fails the build with the reason Avro gives.
 */
public final class SchemaCompatibilityGate {

    /** The file in the released directory that names the baseline version. */
    public static final String BASELINE_FILE = "BASELINE";

    private SchemaCompatibilityGate() {}

    /** Who reads whom in a failed check. */
    public enum Direction {
        /** The new schema reading data written with a released version. */
        NEW_READS_RELEASED,
        /** A released version (from the baseline on) reading data written with the new schema. */
        RELEASED_READS_NEW
    }

    /** A current schema and one of its released versions that are not compatible in {@code direction}. */
    public record Violation(String schema, String releasedVersion, Direction direction, String reason) {
        @Override
        public String toString() {
            return direction == Direction.NEW_READS_RELEASED
                    ? schema + " cannot read data written with released version " + releasedVersion + ": " + reason
                    : "released version " + releasedVersion + " of " + schema
                            + " cannot read data written with the new schema: " + reason;
        }
    }

    /** The outcome of checking a directory: how many reader/writer pairs were checked and what failed. */
    public record Report(int pairsChecked, List<Violation> violations) {
        public boolean compatible() {
            return violations.isEmpty();
        }
    }

    /** The value schemas of the public topics, by record name. */
    public static Set<String> publicSchemas() {
        return Topics.publicTopics().stream()
                .map(topic -> topic.valueType().getSimpleName())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Checks every {@code *.avsc} under {@code currentDir}, with the public topics' schemas as {@link #publicSchemas()}. */
    public static Report check(Path currentDir, Path releasedDir) {
        return check(currentDir, releasedDir, publicSchemas());
    }

    /** Checks every {@code *.avsc} under {@code currentDir} against its released versions under {@code releasedDir}. */
    public static Report check(Path currentDir, Path releasedDir, Set<String> publicSchemas) {
        Optional<Version> baseline = baseline(releasedDir);
        List<Violation> violations = new ArrayList<>();
        int pairs = 0;
        for (Path current : avscFiles(currentDir)) {
            String name = baseName(current);
            Schema schema = parse(current);
            for (Path released : avscFiles(releasedDir.resolve(name))) {
                Schema releasedSchema = parse(released);
                String version = baseName(released);
                pairs++;
                compare(schema, releasedSchema)
                        .ifPresent(reason ->
                                violations.add(new Violation(name, version, Direction.NEW_READS_RELEASED, reason)));
                boolean fromBaseline =
                        baseline.isPresent() && Version.parse(version).compareTo(baseline.get()) >= 0;
                if (fromBaseline && publicSchemas.contains(name)) {
                    pairs++;
                    compare(releasedSchema, schema)
                            .ifPresent(reason ->
                                    violations.add(new Violation(name, version, Direction.RELEASED_READS_NEW, reason)));
                }
            }
        }
        return new Report(pairs, List.copyOf(violations));
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "usage: SchemaCompatibilityGate <current schema dir> <released schema dir>");
        }
        Path releasedDir = Path.of(args[1]);
        Report report = check(Path.of(args[0]), releasedDir);
        if (!report.compatible()) {
            StringBuilder message = new StringBuilder("Incompatible schema change:");
            report.violations()
                    .forEach(v -> message.append(System.lineSeparator())
                            .append("  - ")
                            .append(v));
            throw new IllegalStateException(message.toString());
        }
        System.out.printf(
                "Schema compatibility gate: %d reader/writer pair(s) checked (baseline %s; both ways for %s),"
                        + " all compatible%n",
                report.pairsChecked(),
                baseline(releasedDir).map(Version::toString).orElse("none"),
                publicSchemas().stream().sorted().toList());
    }

    /** {@code reader} reading data written with {@code writer}: empty when it can, else Avro's reasons. */
    private static Optional<String> compare(Schema reader, Schema writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return Optional.empty();
        }
        return Optional.of(result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription()));
    }

    private static Optional<Version> baseline(Path releasedDir) {
        Path file = releasedDir.resolve(BASELINE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Version.parse(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static Schema parse(Path file) {
        try {
            // A fresh parser per file: each .avsc is self-contained, and released versions reuse the same names.
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + file, e);
        }
    }

    private static List<Path> avscFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".avsc"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".avsc".length());
    }

    /** A release number such as {@code 0.10.0}, compared part by part as numbers (so 0.10.0 comes after 0.2.0). */
    record Version(int[] parts) implements Comparable<Version> {

        static Version parse(String text) {
            try {
                return new Version(Arrays.stream(text.split("\\."))
                        .mapToInt(Integer::parseInt)
                        .toArray());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a release version (like 0.2.0): " + text, e);
            }
        }

        @Override
        public int compareTo(Version other) {
            return Arrays.compare(parts, other.parts);
        }

        @Override
        public String toString() {
            return Arrays.stream(parts).mapToObj(Integer::toString).collect(Collectors.joining("."));
        }
    }
}
