package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The done-when of issue 10: a 180 KB body in a 3-byte script (60,000 × '中') goes from
 * {@code bosun task add --body-file} through the whole lifecycle and reaches a {@code command}
 * agent byte for byte, in its prompt file. As one argument it could never have started.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"bosun.agent.kind=command", "bosun.engineers=1", "bosun.worker.poll-interval=100ms"})
class BigPromptLifecycleTest extends LifecycleTestSupport {

    private static final String BODY = "中".repeat(60_000);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void agentThatKeepsItsPrompt(DynamicPropertyRegistry registry) {
        // a list property: the shell script has no comma; it copies the prompt file and commits
        registry.add(
                "bosun.agent.command",
                () -> "sh,-c,cp \"$1\" \"$2\" && echo done > done.txt && git add done.txt && git commit -qm done,sh,"
                        + "{prompt_file}," + received());
    }

    private static Path received() {
        return home.resolve("received-prompt.md");
    }

    @Test
    void a180KilobyteBodyReachesACommandAgentByteForByte() throws IOException {
        Path bodyFile = home.resolve("wide-body.md");
        Files.writeString(bodyFile, BODY, StandardCharsets.UTF_8);
        assertThat(Files.size(bodyFile)).isEqualTo(180_000);

        String added = cli(port, 0, "task", "add", "--title", "Wide", "--body-file", bodyFile.toString());
        String id = added.strip().replaceAll("^created task ", "");

        awaitStatus(id, "merged");
        assertThat(repository.git("show", "main:done.txt")).isEqualTo("done");
        byte[] prompt = Files.readAllBytes(received());
        assertThat(prompt.length).isGreaterThan(180_000);
        // where the body starts in the prompt's bytes, then those bytes against the body's own
        String text = new String(prompt, StandardCharsets.UTF_8);
        assertThat(text).contains(BODY);
        int start = text.substring(0, text.indexOf(BODY)).getBytes(StandardCharsets.UTF_8).length;
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOfRange(prompt, start, start + body.length))
                .as("the body, byte for byte, in the prompt the agent read")
                .isEqualTo(body);
    }
}
