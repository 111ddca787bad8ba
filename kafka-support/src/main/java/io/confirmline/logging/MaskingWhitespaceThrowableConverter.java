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
package io.confirmline.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Spring Boot's {@code %wEx} / {@code %wex} (a stack trace set off by blank lines, the word Boot's own console and
 * file patterns end with) with phone numbers and secrets masked, so a pattern taken from Boot stays masked too.
 */
public class MaskingWhitespaceThrowableConverter extends MaskingThrowableConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return CoreConstants.LINE_SEPARATOR + super.throwableProxyToString(throwable) + CoreConstants.LINE_SEPARATOR;
    }
}
