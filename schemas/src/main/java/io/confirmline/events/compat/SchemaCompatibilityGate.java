package io.confirmline.events.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The build's compatibility gate. Every schema in the current directory ({@code Name.avsc}) must be able to read
 * data written with each of its released versions ({@code released/Name/<version>.avsc}): consumers upgrade
 * first, so a new schema that cannot read old records would break them (Confluent's BACKWARD_TRANSITIVE).
 *
 * <p>Run by the {@code schemas} build after compilation; a violation fails the build with the reason Avro gives.
 */
public final class SchemaCompatibilityGate {

    private SchemaCompatibilityGate() {
    }

    /** A current schema that cannot read one of its released versions. */
    public record Violation(String schema, String releasedVersion, String reason) {
        @Override
        public String toString() {
            return schema + " cannot read data written with released version " + releasedVersion + ": " + reason;
        }
    }

    /** The outcome of checking a directory: how many pairs were checked and what failed. */
    public record Report(int pairsChecked, List<Violation> violations) {
        public boolean compatible() {
            return violations.isEmpty();
        }
    }

    /** Checks every {@code *.avsc} under {@code currentDir} against its released versions under {@code releasedDir}. */
    public static Report check(Path currentDir, Path releasedDir) {
        List<Violation> violations = new ArrayList<>();
        int pairs = 0;
        for (Path current : avscFiles(currentDir)) {
            String name = baseName(current);
            Schema reader = parse(current);
            for (Path released : avscFiles(releasedDir.resolve(name))) {
                Schema writer = parse(released);
                pairs++;
                SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    violations.add(new Violation(name, baseName(released), describe(result)));
                }
            }
        }
        return new Report(pairs, List.copyOf(violations));
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SchemaCompatibilityGate <current schema dir> <released schema dir>");
        }
        Report report = check(Path.of(args[0]), Path.of(args[1]));
        if (!report.compatible()) {
            StringBuilder message = new StringBuilder("Backward-incompatible schema change:");
            report.violations().forEach(v -> message.append(System.lineSeparator()).append("  - ").append(v));
            throw new IllegalStateException(message.toString());
        }
        System.out.printf("Schema compatibility gate: %d released version(s) checked, all readable%n", report.pairsChecked());
    }

    private static String describe(SchemaPairCompatibility result) {
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .reduce((a, b) -> a + "; " + b)
                .orElse(result.getDescription());
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
}
