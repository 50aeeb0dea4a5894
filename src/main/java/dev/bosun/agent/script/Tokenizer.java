package dev.bosun.agent.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script line into argv tokens the way a user expects from a shell, without a shell:
 * whitespace separates, {@code "double quotes"} keep spaces, and inside quotes {@code \"} and
 * {@code \\} escape. Nothing else is special, so a prompt cannot smuggle in expansions.
 */
final class Tokenizer {

    private Tokenizer() {}

    static List<String> split(String text, int line) throws ScriptSyntaxException {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                    current.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (quoted) {
            throw new ScriptSyntaxException(line, "unterminated double quote");
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
