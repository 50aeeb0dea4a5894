package dev.bosun.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import dev.bosun.team.AgentKind;
import dev.bosun.team.Member;
import dev.bosun.team.Role;
import dev.bosun.team.RoleType;
import dev.bosun.team.Roster;

class RedactorTest {

    @Test
    void everyKnownValueIsReplacedLongestFirstAndShortOnesAreLeftAlone() {
        List<String> later = new ArrayList<>();
        Redactor redactor = new Redactor(List.of(() -> List.of("abcdef", "xx-abcdef-yy", "true", " "), () -> later));

        assertThat(redactor.redact("a=xx-abcdef-yy b=abcdef c=true")).isEqualTo("a=[redacted] b=[redacted] c=true");
        assertThat(redactor.redact(null)).isNull();

        later.add("minted-later-token");
        assertThat(redactor.redact("token minted-later-token"))
                .as("sources are asked each time")
                .isEqualTo("token [redacted]");
    }

    @Test
    void aStreamReplacesSecretsSplitAcrossWritesAndPassesEverythingElseOnAtOnce() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        OutputStream out = new Redactor(List.of(() -> List.of("hunter2-secret"))).redacting(file);

        write(out, "plain \u001B[1mtext\u001B[0m hun");
        assertThat(file.toString(StandardCharsets.UTF_8))
                .as("only a possible start is held back")
                .isEqualTo("plain \u001B[1mtext\u001B[0m ");
        write(out, "ter2-sec");
        write(out, "ret and hunter, hunter2-secrethunter2-secret\n");
        write(out, "tail hunt");
        out.close();

        assertThat(file.toString(StandardCharsets.UTF_8))
                .isEqualTo("plain \u001B[1mtext\u001B[0m [redacted] and hunter, [redacted][redacted]\ntail hunt");
    }

    @Test
    void aStreamWithoutSecretsIsTransparent() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        OutputStream out = new RedactingOutputStream(file, List.of());
        byte[] raw = {(byte) 0xff, 0, 'a', (byte) 0xc3};
        out.write(raw, 0, raw.length);
        assertThat(file.toByteArray()).containsExactly(raw);
    }

    @Test
    void environmentSecretsAreTheDatabaseAndAdminPasswordsAndValuesOfVariablesNamedLikeSecrets() {
        MockEnvironment spring = new MockEnvironment()
                .withProperty("spring.datasource.password", "db-password-1")
                .withProperty("BOSUN_ADMIN_PASSWORD", "admin-password-2");
        Role engineer = new Role(
                "engineer",
                RoleType.ENGINEER,
                AgentKind.SCRIPT,
                null,
                1,
                null,
                List.of(),
                true,
                Map.of("SERVICE_TOKEN", "service-token-3", "Api_Key", "role-key-4", "GREETING", "hello-world"));
        Roster roster = new Roster(null, List.of(new Member("eng-1", engineer, null)));

        EnvironmentSecrets secrets = new EnvironmentSecrets(
                spring,
                Map.of("ANTHROPIC_API_KEY", "sk-ant-5", "my_secret_file", "/run/secret-6", "HOME", "/home/dev"),
                roster);

        assertThat(secrets.values())
                .containsExactlyInAnyOrder(
                        "db-password-1",
                        "admin-password-2",
                        "service-token-3",
                        "role-key-4",
                        "sk-ant-5",
                        "/run/secret-6");
    }

    private static void write(OutputStream out, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }
}
