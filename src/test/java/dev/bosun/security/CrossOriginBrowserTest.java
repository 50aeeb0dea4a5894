package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.support.Await;
import dev.bosun.support.HeadlessChromium;
import dev.bosun.support.RepositoryBackedTest;

/**
 * A web page from another origin, open in the user's real browser, cannot deploy to the engine.
 * This was the worst finding of the security review: a multipart {@code POST
 * /engine-rest/deployment/create} is a request browsers send cross-site without a preflight, and
 * a deployed BPMN with a timer start event runs a JUEL expression as the Bosun user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bosun.worker.enabled=false")
class CrossOriginBrowserTest extends RepositoryBackedTest {

    @LocalServerPort
    int port;

    @Autowired
    RepositoryService repositoryService;

    @TempDir
    Path work;

    private HttpServer attacker;

    @AfterEach
    void stopAttacker() {
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    @Test
    void aForeignPageCannotDeployAProcessThatRunsCode() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        assumeTrue(
                chromium.isPresent(), "no Chromium at /usr/bin/chromium or $BOSUN_TEST_CHROMIUM (.ci/run installs it)");
        Path marker = work.resolve("code-ran");
        List<String> reports = new CopyOnWriteArrayList<>();
        String page = attackPage("http://localhost:" + port, marker);
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/done")) {
                reports.add(exchange.getRequestURI().getQuery());
            }
            byte[] body = exchange.getRequestURI().getPath().equals("/")
                    ? page.getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();

        chromium.get()
                .visit(
                        "http://127.0.0.1:" + attacker.getAddress().getPort() + "/",
                        Duration.ofSeconds(10),
                        work.resolve("profile"));

        // The page reports once its requests have been sent, so the assertions below are about
        // requests that really reached Bosun, not about a page that never ran.
        Await.until("the attacker's page to report", Duration.ofSeconds(60), () -> reports, r -> !r.isEmpty());
        assertThat(reports.get(0)).contains("deploy-sent");
        assertThat(repositoryService
                        .createDeploymentQuery()
                        .deploymentName("bosun-attack")
                        .count())
                .as("deployments made by the foreign page")
                .isZero();
        assertThat(repositoryService
                        .createProcessDefinitionQuery()
                        .processDefinitionKey("attack")
                        .count())
                .isZero();
        assertThat(marker).doesNotExist();
    }

    /** The review's reproduction: a timer start event whose expression runs a command. */
    private static String attackPage(String bosun, Path marker) {
        String expression = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                + ".exec('touch " + marker + "')}";
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Attack" targetNamespace="http://attack">
                  <bpmn:process id="attack" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Timer">
                      <bpmn:timerEventDefinition><bpmn:timeCycle>R1/PT1S</bpmn:timeCycle></bpmn:timerEventDefinition>
                    </bpmn:startEvent>
                    <bpmn:sequenceFlow id="SequenceFlow_Run" sourceRef="StartEvent_Timer" targetRef="Task_Run" />
                    <bpmn:serviceTask id="Task_Run" camunda:expression="EXPRESSION" />
                    <bpmn:sequenceFlow id="SequenceFlow_End" sourceRef="Task_Run" targetRef="EndEvent_Done" />
                    <bpmn:endEvent id="EndEvent_Done" />
                  </bpmn:process>
                </bpmn:definitions>
                """.replace("EXPRESSION", expression);
        return """
                <!doctype html><html><body>
                <script type="text/plain" id="bpmn">BPMN</script>
                <script>
                async function attack() {
                  const results = [];
                  const form = new FormData();
                  form.append('deployment-name', 'bosun-attack');
                  form.append('enable-duplicate-filtering', 'false');
                  form.append('data', new Blob([document.getElementById('bpmn').textContent]), 'attack.bpmn');
                  try {
                    await fetch('BOSUN/engine-rest/deployment/create', {method: 'POST', body: form, mode: 'no-cors'});
                    results.push('deploy-sent');
                  } catch (e) {
                    results.push('deploy-failed-to-send');
                  }
                  await fetch('/done?' + results.join(','));
                }
                attack();
                </script></body></html>
                """.replace("BPMN", bpmn).replace("BOSUN", bosun);
    }
}
