package dev.bosun.cli;

/** Task and plan ids as users type them: {@code 7} or {@code #7}, as the CLI prints them. */
final class Ids {

    private Ids() {}

    /** The id the REST API takes: without the leading {@code #}. */
    static String withoutHash(String id) {
        return id.startsWith("#") ? id.substring(1) : id;
    }
}
