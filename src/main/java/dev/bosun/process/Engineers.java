package dev.bosun.process;

import java.util.List;
import java.util.stream.IntStream;

/** The engineers of a flat team: {@code eng-1} .. {@code eng-N}. */
final class Engineers {

    private Engineers() {
    }

    static List<String> named(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "eng-" + i).toList();
    }
}
