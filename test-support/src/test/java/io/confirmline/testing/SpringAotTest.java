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

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringAotTest {

    private static final String MAIN = "com.example.shop.ShopApplication";

    private static Path write(Path module, String relative, Instant modified) throws IOException {
        Path file = module.resolve("target/classes").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    /** The main class compiled, then its AOT initialiser generated 20 s later; returns the generation time. */
    private static Instant builtThenProcessed(Path module) throws IOException {
        Instant generated = Instant.parse("2026-12-02T10:00:20Z");
        write(module, "com/example/shop/ShopApplication.class", generated.minusSeconds(20));
        write(module, "com/example/shop/ShopApplication__ApplicationContextInitializer.class", generated);
        return generated;
    }

    @Test
    void aModuleBuiltWithoutProcessAotStartsWithoutIt(@TempDir Path module) throws IOException {
        write(module, "com/example/shop/ShopApplication.class", Instant.parse("2026-12-02T10:00:00Z"));

        assertThat(SpringAot.whyNot(module, MAIN, ""))
                .hasValueSatisfying(why -> assertThat(why).contains("no Spring AOT code"));
    }

    @Test
    void generatedCodeNewerThanEveryClassIsUsedWhateverTheTimesOfWhatItGeneratedBesideIt(@TempDir Path module)
            throws IOException {
        Instant compiled = Instant.parse("2026-12-02T10:00:00Z");
        Instant generated = compiled.plusSeconds(20);
        write(module, "com/example/shop/ShopApplication.class", compiled);
        write(module, "com/example/shop/order/OrderService.class", compiled);
        write(module, "application.yml", compiled);
        write(module, "com/example/shop/ShopApplication__ApplicationContextInitializer.class", generated);
        // Compiled, copied and written after the initialiser, in the same process-aot run.
        write(module, "com/example/shop/order/OrderService__BeanDefinitions.class", generated.plusSeconds(1));
        write(module, "com/example/shop/ShopApplication$$SpringCGLIB$$0.class", generated.plusSeconds(1));
        write(module, "META-INF/native-image/com.example/shop/reflect-config.json", generated.plusSeconds(1));

        assertThat(SpringAot.whyNot(module, MAIN, "")).isEmpty();
    }

    @Test
    void aClassCompiledAfterTheGeneratedCodeMakesItStale(@TempDir Path module) throws IOException {
        Instant generated = builtThenProcessed(module);
        // An IDE recompiled one class (maybe with a new bean) after the last process-aot.
        write(module, "com/example/shop/order/OrderService.class", generated.plusSeconds(60));

        assertThat(SpringAot.whyNot(module, MAIN, ""))
                .hasValueSatisfying(
                        why -> assertThat(why).contains("older than com/example/shop/order/OrderService.class"));
    }

    @Test
    void aMigrationChangedAfterTheGeneratedCodeIsOursNotSpringsDespiteItsDoubleUnderscore(@TempDir Path module)
            throws IOException {
        Instant generated = builtThenProcessed(module);
        write(module, "db/migration/V2__orders.sql", generated.plusSeconds(60));

        assertThat(SpringAot.whyNot(module, MAIN, ""))
                .hasValueSatisfying(why -> assertThat(why).contains("V2__orders.sql"));
    }

    @Test
    void aSharedModuleOfOursInstalledAfterTheGeneratedCodeMakesItStaleALibraryDoesNot(@TempDir Path root)
            throws IOException {
        Path module = root.resolve("repository/shop");
        Instant generated = builtThenProcessed(module);
        Path library = root.resolve("m2/org/example/lib/1.0/lib-1.0.jar");
        Path ours = root.resolve("m2/io/confirmline/kafka-support/0.6.0-SNAPSHOT/kafka-support-0.6.0-SNAPSHOT.jar");
        for (Path jar : java.util.List.of(library, ours)) {
            Files.createDirectories(jar.getParent());
            Files.write(jar, new byte[] {1});
            Files.setLastModifiedTime(jar, FileTime.from(generated.plusSeconds(60)));
        }

        assertThat(SpringAot.whyNot(module, MAIN, library.toString())).isEmpty();
        assertThat(SpringAot.whyNot(module, MAIN, library + java.io.File.pathSeparator + ours))
                .hasValueSatisfying(why -> assertThat(why).contains("kafka-support-0.6.0-SNAPSHOT.jar"));
    }
}
