package dev.bosun.cli;

/**
 * A member's terminal log read through {@code GET /api/members/{member}/log}: pages of raw bytes
 * by offset. The server caps a page (1 MiB), so callers loop until {@link Page#next()} reaches
 * {@link Page#size()}.
 */
final class RemoteLog {

    /** Bytes scanned per request when looking for the start of the last lines. */
    static final int TAIL_WINDOW = 64 * 1024;

    /**
     * @param start where the bytes begin: the offset asked for, or 0 when the log shrank
     * @param next  the offset to ask for next
     * @param size  the log's size when the server read it
     */
    record Page(long start, long next, long size, byte[] bytes) {}

    private final BosunClient client;
    private final String member;

    RemoteLog(BosunClient client, String member) {
        this.client = client;
        this.member = member;
    }

    Page read(long offset) {
        return read(offset, -1);
    }

    /** Up to {@code limit} bytes from {@code offset}; a negative limit means as many as the server sends. */
    Page read(long offset, long limit) {
        String path = "/api/members/" + BosunClient.encode(member) + "/log?offset=" + offset
                + (limit < 0 ? "" : "&limit=" + limit);
        BosunClient.Answer response = client.getBytes(path);
        return new Page(
                header(response, "X-Bosun-Log-Start"),
                header(response, "X-Bosun-Log-Offset"),
                header(response, "X-Bosun-Log-Size"),
                response.body());
    }

    /**
     * The offset where the last {@code lines} lines begin, as {@code tail -n} counts them: a
     * newline that ends the log does not start another line. Scans backwards a window at a time,
     * so a big log is not fetched whole.
     */
    long startOfLastLines(int lines) {
        long size = read(0, 0).size();
        if (lines <= 0) {
            return size;
        }
        int seen = 0;
        for (long end = size; end > 0; ) {
            long from = Math.max(0, end - TAIL_WINDOW);
            Page page = read(from, end - from);
            if (page.start() != from) {
                return 0; // the log shrank meanwhile: show it from the start
            }
            byte[] bytes = page.bytes();
            for (int i = bytes.length - 1; i >= 0; i--) {
                long at = from + i;
                if (bytes[i] == '\n' && at != size - 1 && ++seen == lines) {
                    return at + 1;
                }
            }
            end = from;
        }
        return 0;
    }

    private static long header(BosunClient.Answer response, String name) {
        String value = response.header(name)
                .orElseThrow(() ->
                        new CliException("the server's log answer has no " + name + " header; is it a Bosun server?"));
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CliException("the server's " + name + " header is not a number: " + value);
        }
    }
}
