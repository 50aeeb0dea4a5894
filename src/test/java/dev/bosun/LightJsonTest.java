package dev.bosun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

/** The client's JSON without an ObjectMapper gives what an ObjectMapper with its defaults gives. */
class LightJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every kind of value the server sends, and the odd ones: big numbers, escapes, a repeated key. */
    private static final String DOCUMENT = """
            {"team":"pair","members":[{"name":"eng-1","task":null,"working":true,"stalled":false}],
             "counts":{"todo":3,"merged":2147483648,"huge":123456789012345678901234567890},
             "usage":{"costUsd":0.005,"tiny":1.0E-7,"exact":2.50,"negative":-0},
             "text":"line\\nbreak \\"quoted\\" \\u00fc \\ud83d\\ude00","empty":{},"none":[],
             "again":1,"again":2}
            """;

    @Test
    void readsTheTreeAnObjectMapperReads() throws IOException {
        JsonNode light = LightJson.read(DOCUMENT);

        assertThat(light).isEqualTo(MAPPER.readTree(DOCUMENT));
        assertThat(light.path("again").asInt())
                .as("the last of two equal keys wins")
                .isEqualTo(2);
        assertThat(light.path("counts").path("merged").isLong()).isTrue();
        assertThat(light.path("usage").path("costUsd").isDouble()).isTrue();
    }

    @Test
    void printsATreeAsAnIndentingObjectMapperDoes() throws IOException {
        JsonNode tree = MAPPER.readTree(DOCUMENT);

        assertThat(LightJson.pretty(tree))
                .isEqualTo(
                        MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree));
    }

    @Test
    void writesMapsListsAndScalarsAsAnObjectMapperDoes() throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("title", "Lexer \"ü\"\n");
        request.put("body", null);
        request.put("dependsOn", List.of("5", "6"));
        request.put("approval", true);
        request.put("attempts", 3);
        request.put("limit", 10_000_000_000L);
        request.put("share", 0.25);
        request.put("nested", Map.of("tree", MAPPER.readTree("[1,{\"a\":null}]")));

        byte[] light = LightJson.write(request);

        assertThat(new String(light, StandardCharsets.UTF_8)).isEqualTo(MAPPER.writeValueAsString(request));
    }

    @Test
    void anEmptyTextOrBrokenJsonIsAnErrorAndAnUnknownTypeIsRefused() {
        assertThatThrownBy(() -> LightJson.read("  ")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> LightJson.read("{\"a\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> LightJson.read("{\"a\" 1}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> LightJson.write(Map.of("at", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.time.Instant");
    }
}
