package dev.bosun.api;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one check every text field of a request passes: no NUL, no lone UTF-16 surrogate, and
 * limits counted in UTF-8 bytes. A NUL cuts a prompt short where it reaches an agent as a C
 * string; a lone surrogate cannot be encoded, so the board writer failed on it for good; and what
 * an agent's argument and a file hold is bytes, so 60,000 × '中' (180,000 bytes) had to count as
 * what it is.
 */
final class FieldText {

    private FieldText() {}

    /** @throws BadRequestException naming {@code field} when {@code value} holds a NUL or a lone surrogate */
    static void requireValid(String field, String value) {
        problem(value).ifPresent(problem -> {
            throw new BadRequestException(field, field + " must " + problem);
        });
    }

    /** @throws BadRequestException naming {@code field} when {@code value} (valid) is over {@code maxBytes} in UTF-8 */
    static void requireAtMostBytes(String field, String value, int maxBytes) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new BadRequestException(
                    field, field + " must be at most " + maxBytes + " bytes (UTF-8), got " + bytes);
        }
    }

    /** What is wrong with {@code value}, worded to follow "must", or empty when it is fine. */
    static Optional<String> problem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return Optional.of("not contain NUL (\\u0000)");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("be valid Unicode: a lone surrogate at index " + i);
            }
        }
        return Optional.empty();
    }
}
