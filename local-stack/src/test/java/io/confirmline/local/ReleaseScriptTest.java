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
package io.confirmline.local;

import static io.confirmline.local.DeploymentManifestsTest.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./release} run on a copy of the project's own release inputs (every pom, the compose files, the chart, the
 * schemas and their releases, the changelog) in a git repository of its own: the release commit and tag carry the
 * version everywhere, the changed schemas are released, and main moves on to the next development version.
 */
class ReleaseScriptTest {

    @TempDir
    Path repo;

    String before;

    @BeforeEach
    void copyTheReleaseInputs() throws Exception {
        List<String> files = new ArrayList<>(List.of(
                "release",
                "CHANGELOG.md",
                "deploy/docker-compose.yml",
                "deploy/docker-compose.host.yml",
                "deploy/helm/confirmline/Chart.yaml",
                "deploy/helm/confirmline/values.yaml"));
        for (String tree : List.of("schemas/src/main/avro", "schemas/src/main/avro-released")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(tree))) {
                walk.filter(Files::isRegularFile)
                        .forEach(f -> files.add(ROOT.relativize(f).toString()));
            }
        }
        try (Stream<Path> walk = Files.walk(ROOT, 4)) {
            walk.filter(f -> f.getFileName().toString().equals("pom.xml"))
                    .filter(f -> !f.toString().contains("/target/"))
                    .forEach(f -> files.add(ROOT.relativize(f).toString()));
        }
        for (String file : files) {
            Path to = repo.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(ROOT.resolve(file), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
        before = SuiteVersion.pom();
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "the project as it is");
    }

    @Test
    void aReleaseCarriesOneVersionEverywhereAndMainMovesOn() throws Exception {
        // A schema changed since its last release, and one never released.
        Path changed = repo.resolve("schemas/src/main/avro/CallStatusChanged.avsc");
        Files.writeString(changed, Files.readString(changed).replaceFirst("\"doc\": \"", "\"doc\": \"Changed. "));
        Path brandNew = repo.resolve("schemas/src/main/avro/BrandNew.avsc");
        Files.writeString(brandNew, "{\"type\":\"record\",\"name\":\"BrandNew\",\"fields\":[]}");
        git("commit", "-q", "-am", "a change");
        git("add", "-A");
        git("commit", "-q", "-m", "a new event");

        Result result = run("./release", "9.4.0");

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(git("tag", "--list")).isEqualTo("v9.4.0");
        assertThat(git("log", "--format=%s")).startsWith("Next development version 9.5.0-SNAPSHOT\nRelease 9.4.0\n");

        // At the tag: every pom, image tag and the chart say 9.4.0; the changed and the new schema are released.
        String tagged = "v9.4.0:";
        for (String pom : pomsIn("v9.4.0")) {
            assertThat(git("show", tagged + pom))
                    .contains("<version>9.4.0</version>")
                    .doesNotContain(before);
        }
        for (String compose : List.of("deploy/docker-compose.yml", "deploy/docker-compose.host.yml")) {
            String file = git("show", tagged + compose);
            for (String application : List.of(
                    "webhook-ingress",
                    "call-orchestrator",
                    "platform-notifier",
                    "owner-console",
                    "eightbyeight-sandbox",
                    "platform-sandbox")) {
                assertThat(file).contains("image: confirmline/" + application + ":9.4.0");
            }
            assertThat(file).doesNotContain(":" + SuiteVersion.imageTag() + "\n");
        }
        assertThat(git("show", tagged + "deploy/helm/confirmline/Chart.yaml"))
                .contains("\nversion: 9.4.0\n", "\nappVersion: \"9.4.0\"");
        assertThat(git("show", tagged + "deploy/helm/confirmline/values.yaml")).contains("  tag: \"9.4.0\"");
        assertThat(git("show", tagged + "schemas/src/main/avro-released/CallStatusChanged/9.4.0.avsc"))
                .contains("Changed. ");
        assertThat(git("show", tagged + "schemas/src/main/avro-released/BrandNew/9.4.0.avsc"))
                .contains("BrandNew");
        assertThat(git("ls-tree", "-r", "--name-only", "v9.4.0", "schemas/src/main/avro-released"))
                .as("an unchanged schema is not released again")
                .doesNotContain("ReservationEvent/9.4.0.avsc");
        assertThat(git("show", tagged + "CHANGELOG.md"))
                .contains("\n## 9.4.0 - ")
                .doesNotContain("## Unreleased");

        // On main: the next development version, its tag in deploy/, an empty Unreleased section above 9.4.0's.
        assertThat(Files.readString(repo.resolve("pom.xml"))).contains("<version>9.5.0-SNAPSHOT</version>");
        assertThat(Files.readString(repo.resolve("deploy/docker-compose.yml")))
                .contains("image: confirmline/call-orchestrator:9.5.0");
        assertThat(Files.readString(repo.resolve("deploy/helm/confirmline/Chart.yaml")))
                .contains("\nversion: 9.5.0\n");
        String changelog = Files.readString(repo.resolve("CHANGELOG.md"));
        assertThat(changelog.indexOf("## Unreleased")).isPositive().isLessThan(changelog.indexOf("## 9.4.0 - "));
        assertThat(git("status", "--porcelain")).isEmpty();
    }

    @Test
    void aReleaseIsRefusedOnAnUncommittedTreeOrAnOlderVersionAndChangesNothing() throws Exception {
        Result older = run("./release", "0.0.1");
        assertThat(older.exit()).isNotZero();
        assertThat(older.output()).contains("older than the development version");

        Files.writeString(
                repo.resolve("CHANGELOG.md"),
                "\nuncommitted\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Result dirty = run("./release", "9.4.0");
        assertThat(dirty.exit()).isNotZero();
        assertThat(dirty.output()).contains("uncommitted changes");

        Result notSemver = run("./release", "1.2");
        assertThat(notSemver.output()).contains("is not MAJOR.MINOR.PATCH");
        assertThat(git("tag", "--list")).isEmpty();
        assertThat(git("log", "--format=%s")).isEqualTo("the project as it is");
    }

    record Result(int exit, String output) {}

    private List<String> pomsIn(String revision) throws Exception {
        return git("ls-tree", "-r", "--name-only", revision)
                .lines()
                .filter(f -> f.endsWith("pom.xml"))
                .toList();
    }

    private Result run(String... command) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_AUTHOR_NAME", "Release Test");
        builder.environment().put("GIT_AUTHOR_EMAIL", "release@example.com");
        builder.environment().put("GIT_COMMITTER_NAME", "Release Test");
        builder.environment().put("GIT_COMMITTER_EMAIL", "release@example.com");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private String git(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "git";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Result result = run(command);
        if (result.exit() != 0) {
            throw new IOException(String.join(" ", command) + ": " + result.output());
        }
        return result.output().strip();
    }
}
