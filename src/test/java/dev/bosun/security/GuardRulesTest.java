package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard's rules one by one: hosts, origins, agent scopes, expression keys and agent tokens. */
class GuardRulesTest {

    private final HostNames hosts = new HostNames(List.of("bosun-1"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "localhost:8080",
                "LOCALHOST:1",
                "app.localhost:80",
                "127.0.0.1",
                "127.0.0.1:8080",
                "127.255.3.9:1",
                "[::1]",
                "[::1]:8080",
                "bosun-1",
                "bosun-1:8080",
                "localhost."
            })
    void loopbackAndListedHostsAreServed(String host) {
        assertThat(hosts.allowed(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "rebind.attacker.example",
                "localhost.attacker.example",
                "127.0.0.1.nip.io",
                "128.0.0.1",
                "127.0.0.256",
                "[::2]",
                "0.0.0.0",
                "bosun-2",
                "localhost:80:80",
                "",
                "localhost:http"
            })
    void otherHostsAreNot(String host) {
        assertThat(hosts.allowed(host)).isFalse();
        assertThat(hosts.allowed(null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "POST, http://attacker.example, -, true",
                "POST, null, -, true",
                "PUT, https://localhost:8080, -, true",
                "DELETE, http://localhost:8081, -, true",
                "POST, -, cross-site, true",
                "POST, http://localhost:8080, -, false",
                "POST, HTTP://LOCALHOST:8080, same-origin, false",
                "POST, -, -, false",
                "POST, -, same-site, false",
                "GET, http://attacker.example, cross-site, false",
                "OPTIONS, http://attacker.example, -, false"
            })
    void stateChangingRequestsOfOtherOriginsAreRefused(
            String method, String origin, String fetchSite, boolean refused) {
        assertThat(Origins.refusal(method, origin, fetchSite, "http", "localhost:8080") != null)
                .isEqualTo(refused);
    }

    @Test
    void aDefaultPortMatchesAHostWithoutOne() {
        assertThat(Origins.refusal("POST", "http://localhost", null, "http", "localhost"))
                .isNull();
        assertThat(Origins.refusal("POST", "http://localhost:80", null, "http", "localhost"))
                .isNull();
        assertThat(Origins.refusal("POST", "https://localhost", null, "http", "localhost"))
                .isNotNull();
        assertThat(Origins.refusal("POST", "https://bosun.example", null, "https", "bosun.example:443"))
                .isNull();
    }

    @ParameterizedTest
    @CsvSource(
            value = {
                "POST, /api/tasks, , true",
                "POST, /api/messages, , true",
                "GET, /api/status, , true",
                "GET, /api/board, , true",
                "GET, /api/tasks, , true",
                "GET, /api/tasks/12, , true",
                "HEAD, /api/tasks/12, , true",
                "GET, /api/messages, eng-1, true",
                "GET, /api/messages/3, , true",
                "GET, /api/members, , true",
                "GET, /api/members/eng-1, , true",
                "GET, /api/members/eng-1/log, , true",
                "POST, /api/tasks/12/decision, , false",
                "POST, /api/tasks/12/assign, , false",
                "POST, /api/members/eng-1/merge, , false",
                "POST, /api/plans, , false",
                "DELETE, /api/tasks/12, , false",
                "GET, /api/messages, , false",
                "GET, /api/messages, eng-2, false",
                "GET, /api/members/eng-2, , false",
                "GET, /api/members/eng-2/log, , false",
                "GET, /api/members/eng-1/log/x, , false",
                "GET, /api/tasks/12/decision, , false",
                "GET, /api/status/, , false"
            })
    void anAgentMayAddSendAndReadWhatConcernsIt(String method, String path, String member, boolean allowed) {
        assertThat(AgentScope.allows("eng-1", method, path, member == null ? List.of() : List.of(member)))
                .isEqualTo(allowed);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"assigneeExpression\": \"${x}\"}",
                "{\"orQueries\": [{\"assigneeExpression\": \"${x}\"}]}",
                "{\"orQueries\": [{\"nested\": {\"deeper\": [{\"DUEDATEEXPRESSION\": 1}]}}]}",
                "[{\"a\": {\"candidateGroupsExpression\": []}}]"
            })
    void expressionKeysAreFoundAtAnyDepth(String json) {
        assertThat(ExpressionKeys.inJson(json.getBytes(StandardCharsets.UTF_8))).isPresent();
    }

    @Test
    void valuesAndOrdinaryKeysAreNotExpressions() {
        assertThat(ExpressionKeys.inJson("{\"orQueries\": [{\"assignee\": \"${x}\"}], \"name\": \"Expression\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(ExpressionKeys.inJson("not json".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(ExpressionKeys.inQuery("assignee=x&sortBy=name")).isEmpty();
        assertThat(ExpressionKeys.inQuery("a=1&dueAfterExpression=x")).hasValue("dueAfterExpression");
        assertThat(ExpressionKeys.inQuery("due%41fterexpression=x")).hasValue("dueAfterexpression");
    }

    @Test
    void agentTokensAreBoundToTheMemberAndTheApiToken() {
        AgentTokens tokens = new AgentTokens("api-token-one");
        String token = tokens.tokenFor("eng-1");
        assertThat(token).startsWith("agent.eng-1.");
        assertThat(tokens.memberOf(token)).hasValue("eng-1");
        assertThat(new AgentTokens("api-token-one").memberOf(token))
                .as("another node with the same API token")
                .hasValue("eng-1");
        assertThat(new AgentTokens("api-token-two").memberOf(token)).isEmpty();
        assertThat(tokens.memberOf(token.replace("agent.eng-1.", "agent.eng-2.")))
                .isEmpty();
        assertThat(tokens.memberOf(token + "x")).isEmpty();
        assertThat(tokens.memberOf("agent.eng-1")).isEmpty();
        assertThat(tokens.memberOf("api-token-one")).isEmpty();
        assertThat(tokens.tokenFor("eng.with.dots"))
                .satisfies(t -> assertThat(tokens.memberOf(t)).hasValue("eng.with.dots"));
    }
}
