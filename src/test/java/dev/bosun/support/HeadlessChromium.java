package dev.bosun.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Chromium, headless, loading one page the way a user's browser would: it runs the page's
 * scripts with the browser's own rules for cross-origin requests (which requests it sends without
 * a preflight, which headers it adds). Found at {@code $BOSUN_TEST_CHROMIUM}, else
 * {@code /usr/bin/chromium}; {@code .ci/run} installs Debian's package.
 */
public final class HeadlessChromium {

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** Empty when no Chromium is installed: the caller skips with that reason. */
    public static Optional<HeadlessChromium> find() {
        String configured = System.getenv("BOSUN_TEST_CHROMIUM");
        Path binary = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        return Files.isExecutable(binary) ? Optional.of(new HeadlessChromium(binary)) : Optional.empty();
    }

    public Path binary() {
        return binary;
    }

    /**
     * Loads {@code url} in a fresh profile and gives its scripts {@code budget} of virtual time; the
     * caller waits for what the page reports (a request back to its own server), not for this.
     * The flags are what a headless root container needs, plus no background traffic (this
     * machine has no network but loopback).
     */
    public void visit(String url, Duration budget, Path profile) throws IOException, InterruptedException {
        Process chromium = new ProcessBuilder(List.of(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--virtual-time-budget=" + budget.toMillis(),
                        "--dump-dom",
                        url))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!chromium.waitFor(budget.toMillis() + TestTimeouts.scaledMillis(60), TimeUnit.MILLISECONDS)) {
            chromium.destroyForcibly().waitFor(TestTimeouts.scaledMillis(10), TimeUnit.MILLISECONDS);
        }
    }
}
