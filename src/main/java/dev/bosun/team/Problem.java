package dev.bosun.team;

import java.nio.file.Path;

/**
 * One thing wrong with a team file.
 *
 * @param line 1-based; 0 when the problem has no position (the file cannot be read)
 * @param column 1-based; 0 when the problem has no position
 * @param field the setting's path, such as {@code roles[2].instances}; {@code (file)} for the document itself
 */
public record Problem(Path file, int line, int column, String field, String message) {

    /** {@code <file>:<line>:<column>: <field>: <message>}, the shape editors and CI logs link. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + field + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
