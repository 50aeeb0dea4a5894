package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextValuesTest {

    @Test
    void shortTextStaysAStringAndLongTextRoundTripsThroughBytes() {
        assertThat(TextValues.store("short")).isEqualTo("short");
        String longText = "é".repeat(TextValues.MAX_STRING + 1);
        Object stored = TextValues.store(longText);
        assertThat(stored).isInstanceOf(byte[].class);
        assertThat(TextValues.read(stored)).isEqualTo(longText);
        assertThat(TextValues.read(null)).isNull();
    }

    @Test
    void tailKeepsTheEndAndHeadKeepsTheStart() {
        String output = "first line\n" + "y".repeat(10_000) + "\nlast line";
        String tail = TextValues.tail(output);
        assertThat(tail)
                .hasSizeLessThanOrEqualTo(TextValues.MAX_STRING)
                .endsWith("last line")
                .startsWith("[... earlier output cut ...]")
                .doesNotContain("first line");
        String head = TextValues.head(output);
        assertThat(head).hasSize(TextValues.MAX_STRING).startsWith("first line").endsWith("...");
        assertThat(TextValues.tail("fits")).isEqualTo("fits");
        assertThat(TextValues.reason(output)).hasSize(TextValues.MAX_REASON).startsWith("first line");
    }
}
