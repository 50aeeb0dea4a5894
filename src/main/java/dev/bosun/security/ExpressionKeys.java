package dev.bosun.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Finds {@code *Expression} keys (case-insensitive) in a query string or at any depth of a JSON
 * body. Camunda's task and case queries evaluate such values as JUEL; 7.24 CE refuses them at the
 * top level of a query but evaluates them inside nested {@code orQueries}, and it gets no more
 * patches, so Bosun refuses them all before Camunda sees the request.
 */
final class ExpressionKeys {

    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonParser.Feature.ALLOW_COMMENTS, false);

    private ExpressionKeys() {}

    static Optional<String> inQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            String rawName = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            String name;
            try {
                name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                name = rawName;
            }
            if (isExpression(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Empty for a body that is not JSON at all: Camunda refuses those itself. */
    static Optional<String> inJson(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        return find(tree);
    }

    private static Optional<String> find(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isExpression(field.getKey())) {
                    return Optional.of(field.getKey());
                }
                Optional<String> nested = find(field.getValue());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                Optional<String> nested = find(element);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isExpression(String name) {
        return name.strip().toLowerCase(Locale.ROOT).endsWith("expression");
    }
}
