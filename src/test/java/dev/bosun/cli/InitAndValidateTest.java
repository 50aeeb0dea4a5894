package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bosun.support.TestRepository;

/** {@code bosun init} and {@code bosun validate} in a real temp repository, in process. */
class InitAndValidateTest {

    @TempDir
    Path home;

    record Run(int exitCode, String out, String err) {}

    private Run bosun(Path directory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BosunCli.run(args, directory, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void initWritesTheTeamAndValidatePrintsItsTree() throws Exception {
        Path repo = TestRepository.create(home.resolve("repo")).root();

        Run init = bosun(repo, "init", "--template", "pair");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(repo.resolve(".bosun/team.yaml")).exists();
        assertThat(repo.resolve(".bosun/prompts"))
                .isDirectoryContaining(p -> p.toString().endsWith(".md"));

        Path subfolder = repo.resolve("docs/deep");
        Files.createDirectories(subfolder);
        Run validate = bosun(subfolder, "validate");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("architect", "engineer");
    }

    @Test
    void initRefusesToOverwriteWithoutForceAndWritesNothing() throws Exception {
        Path repo = TestRepository.create(home.resolve("repo")).root();
        assertThat(bosun(repo, "init", "--template", "pair").exitCode()).isZero();
        String before = Files.readString(repo.resolve(".bosun/team.yaml"));

        Run again = bosun(repo, "init", "--template", "simple");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("bosun: ").contains("already exists", "--force");
        assertThat(Files.readString(repo.resolve(".bosun/team.yaml"))).isEqualTo(before);

        assertThat(bosun(repo, "init", "--template", "simple", "--force").exitCode())
                .isZero();
        assertThat(Files.readString(repo.resolve(".bosun/team.yaml"))).isNotEqualTo(before);
    }

    @Test
    void badInitInputFailsWithOneLineAndWritesNothing() {
        Path repo = TestRepository.create(home.resolve("repo")).root();

        Run unknown = bosun(repo, "init", "--template", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip())
                .isEqualTo("bosun: unknown template 'nope'; available: " + String.join(", ", Templates.NAMES));

        Run badAgent = bosun(repo, "init", "--template", "pair", "--agent", "hal9000");
        assertThat(badAgent.exitCode()).isEqualTo(1);
        assertThat(badAgent.err()).contains("agent", "hal9000");
        assertThat(repo.resolve(".bosun/team.yaml")).doesNotExist();

        Run outside = bosun(home, "init", "--template", "pair");
        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.err()).contains("not inside a git repository");
    }

    @Test
    void anUnknownAgentKindIsNamedWithTheKnownOnesAndLeavesNoBosunFolder() {
        Path repo = TestRepository.create(home.resolve("repo")).root();

        Run gpt = bosun(repo, "init", "--template", "pair", "--agent", "gpt");

        assertThat(gpt.exitCode()).isEqualTo(1);
        assertThat(gpt.err())
                .isEqualTo("bosun: unknown agent kind 'gpt' for --agent; known kinds: "
                        + "claude, codex, gemini, opencode, aider, script, command\n");
        assertThat(repo.resolve(".bosun")).doesNotExist();
    }

    @Test
    void anUnknownTemplateIsNamedEvenWhenATeamFileExists() {
        Path repo = TestRepository.create(home.resolve("repo")).root();
        assertThat(bosun(repo, "init", "--template", "pair").exitCode()).isZero();

        Run pairr = bosun(repo, "init", "--template", "pairr");

        assertThat(pairr.exitCode()).isEqualTo(1);
        assertThat(pairr.err().strip())
                .isEqualTo("bosun: unknown template 'pairr'; available: " + String.join(", ", Templates.NAMES));
    }

    @Test
    void validateWithoutATeamFileSaysToRunInit() throws Exception {
        Path repo = TestRepository.create(home.resolve("repo")).root();

        Run validate = bosun(repo, "validate");

        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.err().strip())
                .startsWith("bosun: .bosun/team.yaml not found: run bosun init")
                .doesNotContain(":0:0:", "(file)");
        Run other = bosun(repo, "validate", "--file", "elsewhere.yaml");
        assertThat(other.err().strip()).isEqualTo("bosun: " + repo.resolve("elsewhere.yaml") + " not found");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"solo", "squad"})
    void initSaysTheTestCommandMustBeSetNamingTheFileTheFieldAndItsValue(String template) {
        Path repo = TestRepository.create(home.resolve("repo")).root();

        Run init = bosun(repo, "init", "--template", template);

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out())
                .contains("set the test command: test_command in " + repo.resolve(".bosun/team.yaml")
                        + " is now [sh, test.sh]; make it the argv that runs this repository's tests");
    }

    @Test
    void oneMemberIsOneMember() {
        Path repo = TestRepository.create(home.resolve("repo")).root();

        Run solo = bosun(repo, "init", "--template", "solo");

        assertThat(solo.out()).contains("(1 member), ").doesNotContain("members)");
        Run pair = bosun(TestRepository.create(home.resolve("pair")).root(), "init", "--template", "pair");
        assertThat(pair.out()).contains("(2 members), ");
    }

    @Test
    void initTakesTheAgentKind() throws Exception {
        Path repo = TestRepository.create(home.resolve("repo")).root();
        assertThat(bosun(repo, "init", "--template", "squad", "--agent", "codex")
                        .exitCode())
                .isZero();
        assertThat(Files.readString(repo.resolve(".bosun/team.yaml"))).containsPattern("(?m)^agent: codex$");
    }

    static List<String> templates() {
        return Templates.NAMES;
    }

    @ParameterizedTest
    @MethodSource("templates")
    void everyTemplatePassesValidate(String template) {
        Path repo = TestRepository.create(home.resolve("repo-" + template)).root();
        assertThat(bosun(repo, "init", "--template", template).exitCode()).isZero();
        Run validate = bosun(repo, "validate");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
    }

    @Test
    void theTemplatesFolderHasExactlyTheListedTemplates() throws Exception {
        try (var folders = Files.list(Path.of("templates"))) {
            assertThat(folders.filter(Files::isDirectory)
                            .map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Templates.NAMES);
        }
    }

    @Test
    void memberNamesOfSimpleLargeAndSoftware() throws Exception {
        assertThat(members("simple")).containsExactly("architect", "manager", "eng-1-1", "eng-1-2", "eng-1-3");
        assertThat(members("large"))
                .containsExactly(
                        "architect",
                        "manager-1",
                        "manager-2",
                        "manager-3",
                        "eng-1-1",
                        "eng-1-2",
                        "eng-1-3",
                        "eng-1-4",
                        "eng-1-5",
                        "eng-2-1",
                        "eng-2-2",
                        "eng-2-3",
                        "eng-2-4",
                        "eng-2-5",
                        "eng-3-1",
                        "eng-3-2",
                        "eng-3-3",
                        "eng-3-4",
                        "eng-3-5");
        assertThat(members("software"))
                .containsExactly(
                        "tech-lead",
                        "backend-manager",
                        "frontend-manager",
                        "developer-1-1",
                        "developer-1-2",
                        "developer-1-3",
                        "developer-1-4",
                        "developer-2-1",
                        "developer-2-2",
                        "developer-2-3",
                        "developer-2-4");
    }

    @Test
    void aMalformedTeamFileFailsWithItsLine() throws Exception {
        Path repo = TestRepository.create(home.resolve("repo")).root();
        assertThat(bosun(repo, "init", "--template", "pair").exitCode()).isZero();
        Path teamYaml = repo.resolve(".bosun/team.yaml");
        Files.writeString(
                teamYaml, Files.readString(teamYaml).replaceFirst("(?m)^name: .*$", "name: ok\ncolour: blue"));

        Run validate = bosun(repo, "validate");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.err()).contains("team.yaml:2:", "colour");
    }

    @Test
    void validateTakesThePlanSettingsAndNamesABadOneWithItsLine() throws Exception {
        Path repo = TestRepository.create(home.resolve("repo")).root();
        assertThat(bosun(repo, "init", "--template", "pair").exitCode()).isZero();
        Path teamYaml = repo.resolve(".bosun/team.yaml");
        String template = Files.readString(teamYaml).replaceAll("(?m)^(plan_approval|max_replans): .*\n", "");

        Files.writeString(
                teamYaml, template.replaceFirst("(?m)^name: .*$", "name: ok\nplan_approval: true\nmax_replans: 0"));
        Run good = bosun(repo, "validate");
        assertThat(good.exitCode()).as(good.err()).isZero();

        Files.writeString(teamYaml, template.replaceFirst("(?m)^name: .*$", "name: ok\nplan_approval: maybe"));
        Run bad = bosun(repo, "validate");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("team.yaml:2:", "plan_approval", "expected true or false");

        Files.writeString(teamYaml, template.replaceFirst("(?m)^name: .*$", "name: ok\nmax_replans: -1"));
        Run negative = bosun(repo, "validate");
        assertThat(negative.exitCode()).isEqualTo(1);
        assertThat(negative.err()).contains("team.yaml:2:", "max_replans", "must be at least 0, got -1");
    }

    private List<String> members(String template) throws Exception {
        Path repo = TestRepository.create(home.resolve("members-" + template)).root();
        assertThat(bosun(repo, "init", "--template", template).exitCode()).isZero();
        Run validate = bosun(repo, "validate", "--json");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        List<?> members = (List<?>)
                new ObjectMapper().readValue(validate.out(), Map.class).get("members");
        return members.stream().map(m -> (String) ((Map<?, ?>) m).get("name")).toList();
    }
}
