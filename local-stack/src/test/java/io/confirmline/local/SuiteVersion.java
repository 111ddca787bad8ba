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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's one version, the root pom's, and the tag its images and Helm chart carry: that version without
 * {@code -SNAPSHOT} (on main, the release being prepared; at a release tag, the release).
 */
final class SuiteVersion {

    private static final Pattern OWN_VERSION =
            Pattern.compile("<artifactId>confirmline</artifactId>\\s*<version>([^<]+)</version>");

    private SuiteVersion() {}

    static String pom() {
        try {
            Matcher m = OWN_VERSION.matcher(Files.readString(DeploymentManifestsTest.ROOT.resolve("pom.xml")));
            if (!m.find()) {
                throw new IllegalStateException("The root pom names no version of its own");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String imageTag() {
        return pom().replace("-SNAPSHOT", "");
    }
}
