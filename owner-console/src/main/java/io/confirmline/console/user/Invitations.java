package io.confirmline.console.user;

import io.confirmline.security.SecretDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Invitation tokens: 256 random bits, handed out once in the link; the database keeps only their SHA-256, so a
 * copy of the database does not let anyone set a password.
 */
final class Invitations {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 32 bytes in unpadded base64url. */
    static final int TOKEN_LENGTH = 43;

    private Invitations() {
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] digest(String token) {
        return SecretDigest.of(token).bytes();
    }

    /** Whether the text can be a token at all (anything else is not even looked up). */
    static boolean wellFormed(String token) {
        return token != null && token.length() == TOKEN_LENGTH
                && token.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
    }
}
