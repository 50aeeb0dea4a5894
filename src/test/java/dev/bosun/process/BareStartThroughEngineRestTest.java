package dev.bosun.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.bosun.support.ApiTokens;
import dev.bosun.support.RepositoryBackedTest;

/**
 * What a person gets who starts a process through {@code /engine-rest} as Tasklist's or Modeler's
 * "start" would, without Bosun's variables: the instance has ended when the call returns, with no
 * incident, and {@code /api/tasks} shows no task for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bosun.worker.enabled=false")
class BareStartThroughEngineRestTest extends RepositoryBackedTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {ProcessIds.TASK_LIFECYCLE, ProcessIds.PLAN})
    void aBareStartEndsAtOnceWithoutAnIncident(String process) throws Exception {
        HttpResponse<String> started = send(
                "POST",
                "/engine-rest/process-definition/key/" + process + "/start",
                "{\"businessKey\": \"bare-" + process + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        Map<?, ?> instance = json.readValue(started.body(), Map.class);
        String id = (String) instance.get("id");

        assertThat(instance.get("ended")).as(started.body()).isEqualTo(true);
        assertThat(list("/engine-rest/history/incident?processInstanceId=" + id))
                .isEmpty();
        assertThat(list("/engine-rest/external-task?processInstanceId=" + id)).isEmpty();
        assertThat(list("/engine-rest/history/activity-instance?processInstanceId=" + id + "&activityId="
                        + ProcessIds.END_MISSING_VARIABLES))
                .hasSize(1);
        assertThat(send("GET", "/api/tasks", null).body()).doesNotContain("bare-" + process);
    }

    private List<?> list(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), List.class);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ApiTokens.bearer(repository().root()));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
