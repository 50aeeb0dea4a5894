package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpServer;

import dev.bosun.support.ApiTokens;
import dev.bosun.support.RepositoryBackedTest;

/**
 * Issue 7's first finding in a real headless browser: a page of another origin posts a multipart
 * deployment (a "simple" request, no CORS preflight) to {@code /engine-rest}. The browser sends
 * it, and nothing is deployed. Skipped where no Chromium is installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bosun.worker.enabled=false")
class BrowserCrossOriginTest extends RepositoryBackedTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                         targetNamespace="attack">
              <process id="attacker-process" isExecutable="true" camunda:historyTimeToLive="1">
                <startEvent id="start"/>
              </process>
            </definitions>
            """;

    @LocalServerPort
    int port;

    @Test
    void aPageOfAnotherOriginCannotDeploy() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM);
        String page = """
                <html><head><title>loading</title></head><body><script>
                const form = new FormData();
                form.append('deployment-name', 'attack');
                form.append('data', new Blob([%s], {type: 'text/xml'}), 'attack.bpmn');
                fetch('http://127.0.0.1:%d/engine-rest/deployment/create', {method: 'POST', body: form, mode: 'no-cors'})
                  .then(() => { document.title = 'answered'; }, e => { document.title = 'failed ' + e; });
                </script></body></html>
                """.formatted(jsString(BPMN), port);
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        String dom;
        try {
            dom = headless("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
        } finally {
            attacker.stop(0);
        }

        assertThat(dom).as("the browser sent the request and got an (opaque) answer").contains("<title>answered</title>");
        assertThat(engineGet("/engine-rest/deployment?name=attack")).isEqualTo("[]");
        assertThat(engineGet("/engine-rest/process-definition?key=attacker-process")).isEqualTo("[]");
    }

    private String headless(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(home, "chromium");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom", url))
                .redirectError(home.resolve("chromium.err").toFile()).start();
        byte[] out = chromium.getInputStream().readAllBytes();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private String engineGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", ApiTokens.bearer(repository().root())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}
