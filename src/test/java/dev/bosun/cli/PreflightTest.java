package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.bosun.ServerFile;
import dev.bosun.support.TestRepository;

/**
 * {@code bosun validate} and {@code bosun start} refuse, one line per problem, what would make the
 * first task an incident: real repositories in temp folders, the CLI in process with a chosen PATH.
 */
class PreflightTest {

    @TempDir
    Path home;

    /** A PATH with only {@code sh} and {@code git} (wrappers of the real ones): no agent CLI on it by accident. */
    Path bin;

    Map<String, String> env;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void narrowPath() throws IOException {
        bin = Files.createDirectories(home.resolve("bin"));
        for (String tool : List.of("sh", "git")) {
            Path real = List.of(System.getenv("PATH").split(":")).stream()
                    .map(dir -> Path.of(dir, tool))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElseThrow();
            // a wrapper, not a link: the temp folder's clean-up warns about links that leave it
            Path wrapper = bin.resolve(tool);
            Files.writeString(wrapper, "#!" + real + "\nexec " + real + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        env = new HashMap<>(System.getenv());
        env.remove("BOSUN_URL");
        env.remove("BOSUN_MEMBER");
        env.put("PATH", bin.toString());
    }

    private Run bosun(Path directory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BosunCli.run(args, directory, env, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path repoWithTemplate(String name, String template) {
        Path repo = TestRepository.create(home.resolve(name)).root();
        assertThat(bosun(repo, "init", "--template", template).code()).isZero();
        return repo;
    }

    private static void edit(Path repo, String regex, String replacement) throws IOException {
        Path team = repo.resolve(".bosun/team.yaml");
        Files.writeString(team, Files.readString(team).replaceFirst(regex, replacement));
    }

    @Test
    void theHappyRepositoryPassesValidateAndItsJsonHasNoProblems() throws Exception {
        Path repo = repoWithTemplate("repo", "pair");

        Run validate = bosun(repo, "validate", "--json");

        assertThat(validate.code()).as(validate.err()).isZero();
        Map<?, ?> json = new ObjectMapper().readValue(validate.out(), Map.class);
        assertThat((List<?>) json.get("problems")).isEmpty();
        assertThat((List<?>) json.get("members")).hasSize(2);
    }

    @Test
    void aRepositoryOnMasterWithTheDefaultTemplateIsRefusedWithALineNamingTrunk() throws Exception {
        Path repo = repoWithTemplate("repo", "pair");
        git(repo, "branch", "-m", "main", "master");

        Run validate = bosun(repo, "validate");

        assertThat(validate.code()).isEqualTo(1);
        assertThat(validate.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("bosun: " + repo.resolve(".bosun/team.yaml") + ":2:")
                .contains(": trunk: branch 'main' does not exist", "its branches: master");

        Run json = bosun(repo, "validate", "--json");
        assertThat(json.code()).isEqualTo(1);
        List<?> problems =
                (List<?>) new ObjectMapper().readValue(json.out(), Map.class).get("problems");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(((Map<?, ?>) p).get("field")).isEqualTo("trunk");
            assertThat(((Map<?, ?>) p).get("line")).isEqualTo(2);
        });

        assertThat(startRefused(repo)).contains("trunk: branch 'main' does not exist", "nothing started");
    }

    @Test
    void anInvalidTrunkNameIsRefused() throws Exception {
        Path repo = repoWithTemplate("repo", "solo");
        edit(repo, "(?m)^trunk: .*$", "trunk: \"feature..x\"");

        assertThat(refused(repo, "validate")).contains(":2:", "trunk: 'feature..x' is not a valid branch name");
    }

    @Test
    void aTrunkGivenToStartIsCheckedInsteadOfTheFilesOne() {
        Path repo = repoWithTemplate("repo", "solo");

        assertThat(startRefused(repo, "--bosun.trunk=release"))
                .contains("--bosun.trunk: branch 'release' does not exist", "its branches: main");
    }

    @Test
    void aTestCommandGivenToStartIsCheckedInsteadOfTheFilesOne() {
        Path repo = repoWithTemplate("repo", "solo");

        assertThat(startRefused(repo, "--bosun.test-command=no-such-test-tool,all"))
                .contains("--bosun.test-command: no-such-test-tool is not on PATH");
    }

    @Test
    void theDefaultTestScriptMustBeInTheRepository() throws Exception {
        Path repo = repoWithTemplate("repo", "pair");
        git(repo, "rm", "-q", "test.sh");
        git(repo, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "no tests");

        assertThat(refused(repo, "validate")).contains(":4:", "test_command: test.sh does not exist in the repository");
        assertThat(startRefused(repo)).contains("test.sh does not exist in the repository");

        Files.writeString(repo.resolve("test.sh"), "exit 0\n");
        assertThat(refused(repo, "validate")).contains("test_command: test.sh is not committed on main");
    }

    @Test
    void theTestProgramMustExist() throws Exception {
        Path repo = repoWithTemplate("repo", "solo");

        edit(repo, "(?m)^test_command: .*$", "test_command: [no-such-test-tool, all]");
        assertThat(refused(repo, "validate")).contains(":4:", "test_command: no-such-test-tool is not on PATH");

        edit(repo, "(?m)^test_command: .*$", "test_command: [./gradlew, test]");
        assertThat(refused(repo, "validate")).contains("test_command: ./gradlew does not exist in the repository");

        edit(repo, "(?m)^test_command: .*$", "test_command: [/no/such/runner]");
        assertThat(refused(repo, "validate")).contains("test_command: /no/such/runner does not exist");
    }

    @Test
    void anAgentBinaryNotOnThePathTheAgentGetsIsRefusedAndFoundOnceInstalled() throws Exception {
        Path repo = TestRepository.create(home.resolve("repo")).root();
        assertThat(bosun(repo, "init", "--template", "pair", "--agent", "claude")
                        .code())
                .isZero();

        assertThat(refused(repo, "validate"))
                .contains(":3:", "agent 'claude' of role 'architect' runs claude, which is not on PATH")
                // one line for one binary on one PATH, not one per role
                .doesNotContain("role 'engineer'");
        startRefused(repo);

        Path claude = bin.resolve("claude");
        Files.writeString(claude, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run installed = bosun(repo, "validate");
        assertThat(installed.code()).as(installed.err()).isZero();
    }

    @Test
    void aCommandRolesOwnProgramIsLookedForOnThePath() throws Exception {
        Path repo = repoWithTemplate("repo", "solo");
        edit(repo, "(?m)^agent: .*$", "agent: command");
        Path team = repo.resolve(".bosun/team.yaml");
        Files.writeString(team, Files.readString(team) + "    command: [my-coder, --yes, \"{prompt}\"]\n");
        int line = (int) Files.readString(team).lines().count();

        assertThat(refused(repo, "validate"))
                .contains(":" + line + ":", "agent 'command' of role 'engineer' runs my-coder, which is not on PATH");

        Path coder = bin.resolve("my-coder");
        Files.writeString(coder, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(coder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run installed = bosun(repo, "validate");
        assertThat(installed.code()).as(installed.err()).isZero();
    }

    @Test
    void aRoleWithItsOwnPathIsCheckedOnThatPath() throws Exception {
        Path repo = repoWithTemplate("repo", "solo");
        Path own = Files.createDirectories(home.resolve("own-bin"));
        Path codex = own.resolve("codex");
        Files.writeString(codex, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(codex, PosixFilePermissions.fromString("rwxr-xr-x"));
        edit(repo, "(?m)^agent: .*$", "agent: codex");
        Path team = repo.resolve(".bosun/team.yaml");
        Files.writeString(team, Files.readString(team) + "    env:\n      PATH: " + own + "\n");

        Run validate = bosun(repo, "validate");

        assertThat(validate.code()).as(validate.err()).isZero();
        env.put("PATH", bin + ":" + own);
        Files.writeString(team, Files.readString(team).replace("PATH: " + own, "PATH: " + home.resolve("empty")));
        assertThat(refused(repo, "validate")).contains("runs codex, which is not on the role's env PATH");
    }

    @Test
    void aBrokenGitFolderIsNotARepository() throws Exception {
        Path repo = Files.createDirectories(home.resolve("not-git"));
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve(".bosun"));
        Files.writeString(repo.resolve(".bosun/team.yaml"), """
                name: broken
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: engineer, role_type: engineer}
                """);
        Files.writeString(repo.resolve("test.sh"), "exit 0\n");

        assertThat(refused(repo, "validate")).contains("repository: " + repo + " is not a usable git repository");
        startRefused(repo);
    }

    @Test
    void aTeamFileValidatedOutsideAnyRepositoryNamesTheMissingRepository() throws Exception {
        Path plain = Files.createDirectories(home.resolve("plain"));
        Files.writeString(plain.resolve("test.sh"), "exit 0\n");
        Files.copy(Path.of("templates/solo/team.yaml"), plain.resolve("team.yaml"));
        Files.createDirectories(plain.resolve("prompts"));
        Files.copy(Path.of("templates/solo/prompts/engineer.md"), plain.resolve("prompts/engineer.md"));

        assertThat(refused(plain, "validate", "--file", "team.yaml"))
                .contains("repository: " + plain + " is not a git repository (no .git in it");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMillionInstancesIsRefusedAtOnceWithTheKeyAndLine() throws Exception {
        Path repo = repoWithTemplate("repo", "pair");
        edit(repo, "(?s)(name: engineer.*?instances: )1", "$11000000");

        assertThat(refused(repo, "validate")).contains(":24:", "roles[1].instances: must be at most 100, got 1000000");
        startRefused(repo);
        Run json = bosun(repo, "validate", "--json");
        assertThat(json.code()).isEqualTo(1);
        Map<?, ?> document = new ObjectMapper().readValue(json.out(), Map.class);
        assertThat(document.containsKey("members")).isFalse();
        assertThat((List<?>) document.get("problems"))
                .singleElement()
                .satisfies(p -> assertThat(((Map<?, ?>) p).get("field")).isEqualTo("roles[1].instances"));
    }

    private static void git(Path repo, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        TestRepository.Result result = TestRepository.run(repo, argv);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** The error output of a command that must fail with exit 1. */
    private String refused(Path repo, String... args) {
        Run run = bosun(repo, args);
        assertThat(run.code()).as(run.out()).isEqualTo(1);
        return run.err();
    }

    /** The error output of {@code bosun start --port 0 [-- extra...]}, which must fail and leave no trace of a server. */
    private String startRefused(Path repo, String... serverArguments) {
        List<String> args = new java.util.ArrayList<>(List.of("start", "--port", "0"));
        if (serverArguments.length > 0) {
            args.add("--");
            args.addAll(List.of(serverArguments));
        }
        String err = refused(repo, args.toArray(String[]::new));
        assertNothingStarted(repo);
        return err;
    }

    private static void assertNothingStarted(Path repo) {
        assertThat(ServerFile.path(repo)).doesNotExist();
        assertThat(repo.resolve(".bosun/data")).doesNotExist();
        assertThat(repo.resolve(".bosun/logs/server.log")).doesNotExist();
    }
}
