package dev.bosun.team;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document read token by token into a {@link JsonNode} tree, remembering where each value and
 * each key starts, by path ({@code roles[2].instances}). Jackson's own tree keeps no locations, and its
 * value nodes are shared (small ints, booleans), so locations are kept by path, not by node.
 */
final class YamlTree {

    /** A 1-based position in the file. */
    record Position(int line, int column) {
        static Position of(JsonLocation location) {
            return new Position(Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
        }
    }

    /** A problem found while reading, before the tree exists (syntax, duplicate keys, several documents). */
    record ReadProblem(Position position, String field, String message) {}

    private static final YAMLFactory FACTORY = new YAMLFactory();

    final JsonNode root;
    private final Map<String, Position> values;
    private final Map<String, Position> keys;

    private YamlTree(JsonNode root, Map<String, Position> values, Map<String, Position> keys) {
        this.root = root;
        this.values = values;
        this.keys = keys;
    }

    /** Reads the document, or returns null and adds to {@code problems} when it cannot. */
    static @Nullable YamlTree read(Reader reader, List<ReadProblem> problems) throws IOException {
        Map<String, Position> values = new HashMap<>();
        Map<String, Position> keys = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(reader)) {
            List<ReadProblem> found = new ArrayList<>();
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new ReadProblem(new Position(1, 1), TeamFile.DOCUMENT, "the file is empty"));
                return null;
            }
            JsonNode root = new Builder(parser, values, keys, found).read("");
            if (parser.nextToken() != null) {
                found.add(new ReadProblem(
                        Position.of(parser.currentTokenLocation()),
                        TeamFile.DOCUMENT,
                        "expected one YAML document, found another one here"));
            }
            problems.addAll(found);
            return found.isEmpty() ? new YamlTree(root, values, keys) : null;
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position at = mark == null
                    ? Position.of(e.getLocation())
                    : new Position(mark.getLine() + 1, mark.getColumn() + 1);
            String what = e.getProblem() != null ? e.getProblem() : e.getOriginalMessage();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            problems.add(new ReadProblem(at, TeamFile.DOCUMENT, "invalid YAML: " + oneLine(what + context)));
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Position at = e.getLocation() == null ? new Position(1, 1) : Position.of(e.getLocation());
            problems.add(new ReadProblem(at, TeamFile.DOCUMENT, "invalid YAML: " + oneLine(e.getOriginalMessage())));
            return null;
        }
    }

    private static String oneLine(String text) {
        return text == null ? "unreadable" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** Where the value at {@code path} starts; the nearest enclosing value when the path has none. */
    Position valueAt(String path) {
        String p = path;
        while (true) {
            Position found = values.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                return new Position(1, 1);
            }
            p = parent(p);
        }
    }

    /** Whether the document has a value at {@code path}. */
    boolean has(String path) {
        return values.containsKey(path);
    }

    /** Where the key of the field at {@code path} starts, or its value when it has no key (a list item). */
    Position keyAt(String path) {
        Position key = keys.get(path);
        return key != null ? key : valueAt(path);
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static final class Builder {
        private final JsonParser parser;
        private final Map<String, Position> values;
        private final Map<String, Position> keys;
        private final List<ReadProblem> problems;

        Builder(
                JsonParser parser,
                Map<String, Position> values,
                Map<String, Position> keys,
                List<ReadProblem> problems) {
            this.parser = parser;
            this.values = values;
            this.keys = keys;
            this.problems = problems;
        }

        /** Reads the value at the current token, leaving the parser on its last token. */
        JsonNode read(String path) throws IOException {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            JsonToken token = parser.currentToken();
            values.put(path, Position.of(parser.currentTokenLocation()));
            switch (token) {
                case START_OBJECT -> {
                    ObjectNode object = nodes.objectNode();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        String fieldPath = child(path, field);
                        Position key = Position.of(parser.currentTokenLocation());
                        parser.nextToken();
                        if (object.has(field)) {
                            problems.add(new ReadProblem(
                                    key,
                                    fieldPath,
                                    "duplicate key '" + field + "' (first at line "
                                            + keys.get(fieldPath).line() + ")"));
                            parser.skipChildren();
                            continue;
                        }
                        keys.put(fieldPath, key);
                        object.set(field, read(fieldPath));
                    }
                    return object;
                }
                case START_ARRAY -> {
                    ArrayNode array = nodes.arrayNode();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        array.add(read(path + "[" + array.size() + "]"));
                    }
                    return array;
                }
                case VALUE_STRING -> {
                    return nodes.textNode(parser.getText());
                }
                case VALUE_NUMBER_INT -> {
                    return switch (parser.getNumberType()) {
                        case INT -> nodes.numberNode(parser.getIntValue());
                        case LONG -> nodes.numberNode(parser.getLongValue());
                        default -> nodes.numberNode(parser.getBigIntegerValue());
                    };
                }
                case VALUE_NUMBER_FLOAT -> {
                    return nodes.numberNode(parser.getDecimalValue());
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
                }
                case VALUE_NULL -> {
                    return nodes.nullNode();
                }
                default -> {
                    return nodes.textNode(parser.getText());
                }
            }
        }
    }
}
