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
package io.confirmline.console.user;

import io.confirmline.console.security.ConsolePrincipal.Role;
import io.confirmline.console.tenant.AdminProblems;
import io.confirmline.web.ProblemException.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** The checks on what people type: emails, names, roles, passwords. */
public final class UserInput {

    /** One @, something on both sides, a dot in the domain, no spaces: the address is checked by its use, not here. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public static final int MIN_PASSWORD = 12;
    /** bcrypt reads 72 bytes and refuses longer input. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private UserInput() {}

    static String email(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("email", "is required"));
            return null;
        }
        String email = value.strip();
        if (email.length() > 254
                || !EMAIL.matcher(email).matches()
                || email.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("email", "is not an email address"));
            return null;
        }
        return email;
    }

    static String displayName(String value, String email, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return email == null ? null : email.substring(0, email.indexOf('@'));
        }
        String name = value.strip();
        if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("displayName", "must be at most 200 printable characters"));
            return null;
        }
        return name;
    }

    static Role role(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("role", "is required (OWNER or STAFF)"));
            return null;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "OWNER" -> Role.OWNER;
            case "STAFF" -> Role.STAFF;
            default -> {
                errors.add(new FieldError("role", "must be OWNER or STAFF"));
                yield null;
            }
        };
    }

    static UUID userId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw AdminProblems.of(HttpStatus.NOT_FOUND, "No user " + value + " in this tenant");
        }
    }

    /** Why a password cannot be used: the message key the page words it by, and the limit it names. */
    public record PasswordProblem(String messageKey, int limit) {}

    /** Why the password cannot be used, or null when it can. */
    public static PasswordProblem passwordProblem(String password, String confirmation) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            return new PasswordProblem("invitation.tooShort", MIN_PASSWORD);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return new PasswordProblem("invitation.tooLong", MAX_PASSWORD_BYTES);
        }
        if (!password.equals(confirmation)) {
            return new PasswordProblem("invitation.different", 0);
        }
        return null;
    }
}
