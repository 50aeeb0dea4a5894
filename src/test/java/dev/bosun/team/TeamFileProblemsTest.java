package dev.bosun.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TeamFileProblemsTest {

    /** Lines 1-8; cases replace or add lines so the expected line numbers stay easy to count. */
    private static final String HEAD = """
            name: demo
            agent: script
            test_command: [sh, test.sh]
            roles:
            """;

    @TempDir
    Path dir;

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("wrong type", """
                        name: demo
                        agent: script
                        max_retries: two
                        test_command: [sh, test.sh]
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 3, "max_retries", "expected a whole number, got a string"),
                arguments(
                        "unknown top-level field",
                        """
                        name: demo
                        agent: script
                        colour: blue
                        test_command: [sh, test.sh]
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        3,
                        "colour",
                        "unknown field 'colour'; allowed fields: name, trunk, agent, test_command,"
                                + " test_timeout, max_retries, merge_lock_timeout, stall_timeout, plan_approval,"
                                + " max_replans, protected_paths, budget, roles"),
                arguments(
                        "protected_paths not a list",
                        """
                        name: demo
                        agent: script
                        protected_paths: src/test/**
                        test_command: [sh, test.sh]
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        3,
                        "protected_paths",
                        "expected a list of strings, got a string"),
                arguments(
                        "a protected path outside the repository",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        protected_paths:
                          - src/test/**
                          - ../elsewhere/**
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        6,
                        "protected_paths[1]",
                        "expected a glob pattern relative to the repository root"),
                arguments(
                        "a protected path that is no glob",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        protected_paths: ["src/{test"]
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        4,
                        "protected_paths[0]",
                        "'src/{test' is not a valid glob pattern"),
                arguments(
                        "unknown field in a role",
                        HEAD + """
                          - name: architect
                            role_type: architect
                          - name: engineer
                            role_type: engineer
                            flavour: vanilla
                        """,
                        9,
                        "roles[1].flavour",
                        "unknown field 'flavour'; allowed fields: name, role_type, agent,"
                                + " command, model, instances, prompt, talks_to, use_worktrees, env"),
                arguments(
                        "talks_to names an undefined role",
                        HEAD + """
                          - name: architect
                            role_type: architect
                            talks_to:
                              - engineer
                              - ghost
                          - name: engineer
                            role_type: engineer
                        """,
                        9,
                        "roles[0].talks_to[1]",
                        "unknown role 'ghost'; roles defined in this file: architect, engineer"),
                arguments(
                        "talks_to names a role twice",
                        HEAD + """
                          - {name: manager, role_type: manager}
                          - {name: engineer, role_type: engineer, talks_to: [manager, manager]}
                        """,
                        6,
                        "roles[1].talks_to[1]",
                        "role 'manager' is listed twice"),
                arguments(
                        "duplicate role",
                        HEAD + """
                          - name: architect
                            role_type: architect
                          - name: architect
                            role_type: manager
                        """,
                        7,
                        "roles[1].name",
                        "duplicate role name 'architect': already defined at line 5"),
                arguments("zero instances", HEAD + """
                          - name: engineer
                            role_type: engineer
                            instances: 0
                        """, 7, "roles[0].instances", "must be at least 1, got 0"),
                arguments(
                        "a million instances (validate used to build every member and hang)",
                        HEAD + """
                          - name: engineer
                            role_type: engineer
                            instances: 1000000
                        """,
                        7,
                        "roles[0].instances",
                        "must be at most 100, got 1000000"),
                arguments("missing prompt file", HEAD + """
                          - name: engineer
                            role_type: engineer
                            prompt: missing.md
                        """, 7, "roles[0].prompt", "prompt file not found: "),
                arguments(
                        "prompt outside the prompts folder",
                        HEAD + """
                          - name: engineer
                            role_type: engineer
                            prompt: ../team.yaml
                        """,
                        7,
                        "roles[0].prompt",
                        "expected a file name inside "),
                arguments(
                        "unknown agent kind on the team",
                        """
                        name: demo
                        agent: gpt
                        test_command: [sh, test.sh]
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        2,
                        "agent",
                        "unknown agent kind 'gpt'; allowed: claude, codex, gemini, opencode, aider, script, command"),
                arguments(
                        "unknown agent kind on a role",
                        HEAD + """
                          - name: engineer
                            role_type: engineer
                            agent: cursor
                        """,
                        7,
                        "roles[0].agent",
                        "unknown agent kind 'cursor'; allowed: claude, codex"),
                arguments(
                        "no agent anywhere",
                        """
                        name: demo
                        test_command: [sh, test.sh]
                        roles:
                          - name: engineer
                            role_type: engineer
                        """,
                        4,
                        "roles[0].agent",
                        "no agent kind: set agent on this role or at the top of the file"),
                arguments(
                        "unknown role_type",
                        HEAD + """
                          - name: engineer
                            role_type: boss
                        """,
                        6,
                        "roles[0].role_type",
                        "unknown role_type 'boss'; allowed: user, architect, manager, engineer"),
                arguments(
                        "bad duration",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        test_timeout: 10 minutes
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        4,
                        "test_timeout",
                        "expected a duration such as 500ms, 30s, 10m or 1h (more than zero), got '10 minutes'"),
                arguments(
                        "a number is not a duration",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        stall_timeout: 300
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        4,
                        "stall_timeout",
                        "expected a duration such as 500ms, 30s, 10m or 1h, got a number"),
                arguments("missing name", """
                        agent: script
                        test_command: [sh, test.sh]
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 1, "name", "required field is missing"),
                arguments("missing test_command", """
                        name: demo
                        agent: script
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 1, "test_command", "required field is missing"),
                arguments(
                        "test_command is a string", """
                        name: demo
                        agent: script
                        test_command: sh test.sh
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 3, "test_command", "expected a list of strings, got a string"),
                arguments(
                        "test_command has a number",
                        """
                        name: demo
                        agent: script
                        test_command:
                          - sleep
                          - 5
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        5,
                        "test_command[1]",
                        "expected a list of strings, got a number here"),
                arguments("empty test_command", """
                        name: demo
                        agent: script
                        test_command: []
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 3, "test_command", "expected a non-empty list of strings"),
                arguments("empty roles", """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        roles: []
                        """, 4, "roles", "the team needs at least one role"),
                arguments("missing roles", """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        """, 1, "roles", "required field is missing"),
                arguments("bad YAML syntax", """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]: oops
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 3, "(file)", "invalid YAML: "),
                arguments(
                        "non-list talks_to",
                        HEAD + """
                          - name: architect
                            role_type: architect
                            talks_to: engineer
                          - name: engineer
                            role_type: engineer
                        """,
                        7,
                        "roles[0].talks_to",
                        "expected a list of strings, got a string"),
                arguments(
                        "env with a non-string value",
                        HEAD + """
                          - name: engineer
                            role_type: engineer
                            env:
                              DEBUG: "true"
                              PORT: 8080
                        """,
                        9,
                        "roles[0].env.PORT",
                        "expected a string, got a number (quote it: \"8080\")"),
                arguments("bad team name", """
                        name: My_Team
                        agent: script
                        test_command: [sh, test.sh]
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 1, "name", "'My_Team' is not a valid team name"),
                arguments("bad role name", HEAD + """
                          - name: 1st
                            role_type: engineer
                        """, 5, "roles[0].name", "'1st' is not a valid role name"),
                arguments("role missing role_type", HEAD + """
                          - name: architect
                            role_type: architect
                          - name: engineer
                            agent: claude
                        """, 7, "roles[1].role_type", "required field is missing"),
                arguments(
                        "a role that is not a mapping",
                        HEAD + """
                          - architect
                        """,
                        5,
                        "roles[0]",
                        "expected a role mapping (name, role_type, ...), got a string"),
                arguments(
                        "instances given as a string",
                        HEAD + """
                          - name: engineer
                            role_type: engineer
                            instances: "3"
                        """,
                        7,
                        "roles[0].instances",
                        "expected a whole number, got a string"),
                arguments(
                        "use_worktrees not a boolean",
                        HEAD + """
                          - name: engineer
                            role_type: engineer
                            use_worktrees: sometimes
                        """,
                        7,
                        "roles[0].use_worktrees",
                        "expected true or false, got a string"),
                arguments("negative max_retries", """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        max_retries: -1
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 4, "max_retries", "must be at least 0, got -1"),
                arguments(
                        "plan_approval not a boolean", """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        plan_approval: maybe
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 4, "plan_approval", "expected true or false, got a string"),
                arguments("negative max_replans", """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        max_replans: -1
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 4, "max_replans", "must be at least 0, got -1"),
                arguments(
                        "budget not a mapping",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        budget: 5
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        4,
                        "budget",
                        "expected a mapping of limits (task_usd, task_tokens, plan_usd, plan_tokens), got a number"),
                arguments(
                        "unknown budget key",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        budget:
                          task_usd: 2
                          turn_usd: 1
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        6,
                        "budget.turn_usd",
                        "unknown field 'turn_usd'; allowed fields: task_usd, task_tokens, plan_usd, plan_tokens"),
                arguments(
                        "budget in dollars as a string",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        budget:
                          plan_tokens: 100000
                          task_usd: "$5"
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        6,
                        "budget.task_usd",
                        "expected a number of US dollars, such as 5 or 2.50, got a string"),
                arguments(
                        "budget of zero dollars",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        budget:
                          plan_usd: 0
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        5,
                        "budget.plan_usd",
                        "must be more than 0, got 0 (leave the limit out for none)"),
                arguments("negative token budget", """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        budget: {task_tokens: -10}
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 4, "budget.task_tokens", "must be more than 0, got -10"),
                arguments(
                        "fractional tokens",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        budget:
                          task_tokens: 1.5
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        5,
                        "budget.task_tokens",
                        "expected a whole number of tokens, such as 200000, got a number"),
                arguments(
                        "more tokens than a long holds",
                        """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        budget:
                          plan_tokens: 99999999999999999999
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        5,
                        "budget.plan_tokens",
                        "must be at most 9223372036854775807, got 99999999999999999999"),
                arguments(
                        "command on a role whose agent is not command",
                        HEAD + """
                          - name: engineer
                            role_type: engineer
                            command: [my-agent, "{prompt}"]
                        """,
                        7,
                        "roles[0].command",
                        "only a role whose agent is 'command' sets a command; this role's agent is 'script'"),
                arguments(
                        "command on a role whose own agent is claude",
                        """
                        name: demo
                        agent: command
                        test_command: [sh, test.sh]
                        roles:
                          - name: engineer
                            role_type: engineer
                            agent: claude
                            command: [my-agent, "{prompt}"]
                        """,
                        8,
                        "roles[0].command",
                        "only a role whose agent is 'command' sets a command; this role's agent is 'claude'"),
                arguments(
                        "empty command",
                        """
                        name: demo
                        agent: command
                        test_command: [sh, test.sh]
                        roles:
                          - {name: engineer, role_type: engineer, command: []}
                        """,
                        5,
                        "roles[0].command",
                        "expected a non-empty list of strings (the agent's argv, such as [my-agent, --prompt,"
                                + " \"{prompt}\"]), got a list"),
                arguments(
                        "command as one string",
                        """
                        name: demo
                        agent: command
                        test_command: [sh, test.sh]
                        roles:
                          - name: engineer
                            role_type: engineer
                            command: my-agent --prompt {prompt}
                        """,
                        7,
                        "roles[0].command",
                        "expected a non-empty list of strings (the agent's argv, such as [my-agent, --prompt,"
                                + " \"{prompt}\"]), got a string"),
                arguments("a number in the command", """
                        name: demo
                        agent: command
                        test_command: [sh, test.sh]
                        roles:
                          - name: engineer
                            role_type: engineer
                            command:
                              - my-agent
                              - --retries
                              - 3
                        """, 10, "roles[0].command[2]", "expected a string, got a number"),
                arguments(
                        "an unquoted placeholder",
                        """
                        name: demo
                        agent: command
                        test_command: [sh, test.sh]
                        roles:
                          - name: engineer
                            role_type: engineer
                            command:
                              - my-agent
                              - {prompt}
                        """,
                        9,
                        "roles[0].command[1]",
                        "expected a string, got a mapping (YAML reads an unquoted {prompt} as a mapping: quote it,"
                                + " \"{prompt}\")"),
                arguments(
                        "an empty program",
                        """
                        name: demo
                        agent: command
                        test_command: [sh, test.sh]
                        roles:
                          - name: engineer
                            role_type: engineer
                            command: ["", "{prompt}"]
                        """,
                        7,
                        "roles[0].command[0]",
                        "expected the program to run, got an empty string"),
                arguments(
                        "the prompt inside a shell string",
                        """
                        name: demo
                        agent: command
                        test_command: [sh, test.sh]
                        roles:
                          - name: engineer
                            role_type: engineer
                            command:
                              - sh
                              - -c
                              - "my-agent --prompt '{prompt}'"
                        """,
                        10,
                        "roles[0].command[2]",
                        "'my-agent --prompt '{prompt}'' contains {prompt} inside a longer string, which would let"
                                + " task text be read as shell code; pass \"{prompt}\" as its own element (or as"
                                + " \"--option={prompt}\")"),
                arguments(
                        "the prompt file glued to an option without =",
                        """
                        name: demo
                        agent: command
                        test_command: [sh, test.sh]
                        roles:
                          - name: engineer
                            role_type: engineer
                            command: [my-agent, "-f{prompt_file}"]
                        """,
                        7,
                        "roles[0].command[1]",
                        "'-f{prompt_file}' contains {prompt_file} inside a longer string"),
                arguments(
                        "max_replans not a whole number",
                        """
                        name: demo
                        agent: script
                        max_replans: 1.5
                        test_command: [sh, test.sh]
                        roles:
                          - {name: engineer, role_type: engineer}
                        """,
                        3,
                        "max_replans",
                        "expected a whole number, got a number"),
                arguments("duplicate key", """
                        name: demo
                        agent: script
                        test_command: [sh, test.sh]
                        name: other
                        roles:
                          - {name: engineer, role_type: engineer}
                        """, 4, "name", "duplicate key 'name' (first at line 1)"),
                arguments(
                        "member names collide",
                        HEAD + """
                          - name: engineer
                            role_type: engineer
                            instances: 2
                          - name: engineer-2
                            role_type: user
                        """,
                        5,
                        "roles[0].name",
                        "member name 'engineer-2' is also a member of role 'engineer-2'"),
                arguments("a role called human", HEAD + """
                          - name: human
                            role_type: user
                        """, 5, "roles[0].name", "'human' is reserved"),
                arguments("empty file", "", 1, "(file)", "the file is empty"),
                arguments(
                        "a list instead of a mapping",
                        """
                        - name: demo
                        """,
                        1,
                        "(file)",
                        "expected a mapping of team settings, got a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsLineAndField(String description, String yaml, int line, String field, String message) {
        Path file = TeamFixture.write(dir, yaml);

        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFile.load(file));

        assertThat(e).as(description).isNotNull();
        assertThat(e.problems()).as(e.getMessage()).hasSize(1);
        Problem problem = e.problems().get(0);
        assertThat(problem.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(problem.field()).as(e.getMessage()).isEqualTo(field);
        assertThat(problem.message()).as(e.getMessage()).startsWith(message);
        assertThat(e.getMessage())
                .startsWith(file + ":" + line + ":" + problem.column() + ": " + field + ": " + message);
    }

    @Test
    void theMessageIsOneLinePerProblemWithColumns() {
        Path file = TeamFixture.write(dir, """
                name: demo
                agent: script
                test_command: [sh, test.sh]
                test_timeout: soon
                roles:
                  - name: engineer
                    role_type: engineer
                    instances: 0
                    talks_to: [nobody]
                """);

        assertThatThrownBy(() -> TeamFile.load(file))
                .isInstanceOf(TeamFileException.class)
                .hasMessage(
                        String.join(
                                "\n",
                                file
                                        + ":4:15: test_timeout: expected a duration such as 500ms, 30s, 10m or 1h (more than zero),"
                                        + " got 'soon'",
                                file + ":8:16: roles[0].instances: must be at least 1, got 0",
                                file
                                        + ":9:16: roles[0].talks_to[0]: unknown role 'nobody'; roles defined in this file: engineer"));
    }

    @Test
    void collectsProblemsFromSeveralRoles() {
        Path file = TeamFixture.write(dir, """
                name: demo
                agent: script
                test_command: [sh, test.sh]
                roles:
                  - {name: architect, role_type: boss}
                  - {name: architect, role_type: manager, instances: 0}
                  - {name: engineer, role_type: engineer, prompt: engineer.md, env: {A: 1}}
                """);

        TeamFileException e = catchThrowableOfType(TeamFileException.class, () -> TeamFile.load(file));

        assertThat(e.problems())
                .extracting(Problem::line, Problem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5, "roles[0].role_type"),
                        org.assertj.core.groups.Tuple.tuple(6, "roles[1].name"),
                        org.assertj.core.groups.Tuple.tuple(6, "roles[1].instances"),
                        org.assertj.core.groups.Tuple.tuple(7, "roles[2].prompt"),
                        org.assertj.core.groups.Tuple.tuple(7, "roles[2].env.A"));
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file));
        assertThat(e.problems().get(3).message())
                .isEqualTo("prompt file not found: "
                        + dir.resolve(".bosun/prompts/engineer.md").toAbsolutePath());
    }
}
