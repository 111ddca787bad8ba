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
package io.confirmline.notifier.retention;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A retention that would delete every finished row at once, or a sweep that never pauses, is refused. */
class RetentionPropertiesTest {

    final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void agesAndTheIntervalMustBePositive() {
        var properties =
                new RetentionProperties(Duration.ZERO, Duration.ofDays(-1), Duration.ofDays(14), 1000, Duration.ZERO);
        assertThat(validator.validate(properties))
                .extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("succeededDeliveries", "deadDeliveries", "interval");
    }

    @Test
    void theDefaultsAreValid() {
        var properties = new RetentionProperties(
                Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(14), 1000, Duration.ofMinutes(10));
        assertThat(validator.validate(properties))
                .extracting(ConstraintViolation::getMessage)
                .isEmpty();
    }
}
