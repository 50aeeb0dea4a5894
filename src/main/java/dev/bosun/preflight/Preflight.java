package dev.bosun.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

import dev.bosun.Executables;
import dev.bosun.agent.AgentCommands;
import dev.bosun.team.AgentKind;
import dev.bosun.team.Problem;
import dev.bosun.team.Role;
import dev.bosun.team.Team;
import dev.bosun.team.TeamFile;

/**
 * What a task will need, checked before any task runs ({@code bosun validate}, {@code bosun
 * start}, and the server itself at start-up, {@link ServerPreflight}): the repository is a git repository, the trunk branch is a valid name and exists, the
 * test command's program (and the script a shell runs) exists, and every role's agent binary is on
 * the PATH the agent gets. Without these checks each of them passed start-up and the first task
 * became an incident nobody could leave with the {@code bosun} command.
 *
 * <p>Reads only: nothing in the repository is written. A problem about a team.yaml setting carries
 * its line (see {@link TeamFile#problemAt}); one about the repository or a command-line setting has
 * line 0 and prints as {@code field: message} ({@link #line}).
 */
public final class Preflight {

    /** Interpreters whose first argument, when it is not an option, is a script that must exist. */
    private static final Set<String> INTERPRETERS =
            Set.of("sh", "bash", "dash", "zsh", "ksh", "python", "python3", "node", "perl", "ruby");

    private final Path repository;
    private final Path teamYaml;
    private final Map<String, String> environment;
    private final Overrides overrides;
    private final List<Problem> problems = new ArrayList<>();

    private Preflight(Path repository, Path teamYaml, Map<String, String> environment, Overrides overrides) {
        this.repository = repository;
        this.teamYaml = teamYaml;
        this.environment = environment;
        this.overrides = overrides;
    }

    /**
     * Every problem found, in check order; empty when a task has what it needs.
     *
     * @param environment the environment the server will inherit (its PATH is the agents' and the
     *     test command's, unless a role sets its own PATH in {@code env})
     * @param overrides server settings given on the command line ({@code bosun.trunk},
     *     {@code bosun.test-command}, {@code bosun.agent.command}), which win over team.yaml; may
     *     be empty. A problem with one
     *     of them is named {@code --bosun.trunk}, as it was typed.
     */
    public static List<Problem> check(
            Path repository, Path teamYaml, Team team, Map<String, String> environment, Map<String, String> overrides) {
        return check(
                repository,
                teamYaml,
                team.trunk(),
                team.testCommand(),
                team.roles(),
                environment,
                new Overrides(
                        "--",
                        overrides.get("bosun.trunk"),
                        // split as Spring binds a comma-separated value to the server's list
                        overrides.containsKey("bosun.test-command")
                                ? List.of(overrides.get("bosun.test-command").split(",", -1))
                                : null,
                        firstOf(overrides.get("bosun.agent.command"))));
    }

    /**
     * The same checks on what a running server will use: {@code trunk}, {@code testCommand} and
     * {@code roles} are its effective settings (the team file's, or its implicit engineers' without
     * one); {@code overrides} names those that do not come from the team file.
     */
    static List<Problem> check(
            Path repository,
            Path teamYaml,
            String trunk,
            List<String> testCommand,
            List<Role> roles,
            Map<String, String> environment,
            Overrides overrides) {
        Preflight preflight = new Preflight(repository, teamYaml, environment, overrides);
        preflight.run(trunk, testCommand, roles);
        return List.copyOf(preflight.problems);
    }

    /**
     * Settings that do not come from the team file: a problem with one of them has no line and is
     * named {@code prefix} + its property name; a null setting is the team file's.
     *
     * @param agentCommand the {@code command} agent's program (the server setting's first word)
     */
    record Overrides(
            String prefix,
            @Nullable String trunk,
            @Nullable List<String> testCommand,
            @Nullable String agentCommand) {}

    private static @Nullable String firstOf(@Nullable String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? null : commaSeparated.split(",", -1)[0].strip();
    }

    /** One problem as one line: {@code file:line:column: field: message}, or {@code field: message} without a position. */
    public static String line(Problem problem) {
        return problem.line() == 0 ? problem.field() + ": " + problem.message() : problem.format();
    }

    private void run(String teamTrunk, List<String> teamTestCommand, List<Role> roles) {
        String trunk = overrides.trunk() != null ? overrides.trunk() : teamTrunk;
        String trunkField = overrides.trunk() != null ? overrides.prefix() + "bosun.trunk" : "trunk";
        List<String> testCommand = overrides.testCommand() != null ? overrides.testCommand() : teamTestCommand;
        try (Repository git = open()) {
            ObjectId trunkTree = git == null ? null : trunkTree(git, trunk, trunkField, overrides.trunk() != null);
            testCommand(testCommand, git, trunkTree, trunk);
        } catch (IOException e) {
            problems.add(positionless("repository", repository + " cannot be read: " + e.getMessage()));
        }
        agents(roles, overrides.agentCommand());
    }

    private @Nullable Repository open() throws IOException {
        if (!Files.exists(repository.resolve(".git"))) {
            problems.add(positionless(
                    "repository", repository + " is not a git repository (no .git in it; git init makes one)"));
            return null;
        }
        try {
            Repository git = new FileRepositoryBuilder()
                    .setWorkTree(repository.toFile())
                    .setMustExist(true)
                    .build();
            if (!git.getObjectDatabase().exists()) {
                git.close();
                throw new IOException("no object database");
            }
            return git;
        } catch (IOException | IllegalArgumentException e) {
            problems.add(positionless("repository", repository + " is not a usable git repository: " + e.getMessage()));
            return null;
        }
    }

    /** The trunk's tree, or null (with a problem) when the name is invalid or no such branch exists. */
    private @Nullable ObjectId trunkTree(Repository git, String trunk, String field, boolean fromCommandLine)
            throws IOException {
        if (!Repository.isValidRefName(Constants.R_HEADS + trunk)) {
            trunkProblem(field, fromCommandLine, "'" + trunk + "' is not a valid branch name");
            return null;
        }
        Ref ref = git.exactRef(Constants.R_HEADS + trunk);
        if (ref == null || ref.getObjectId() == null) {
            List<String> branches = git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
                    .map(r -> r.getName().substring(Constants.R_HEADS.length()))
                    .sorted()
                    .toList();
            trunkProblem(
                    field,
                    fromCommandLine,
                    "branch '" + trunk + "' does not exist in " + repository + "; "
                            + (branches.isEmpty()
                                    ? "it has no branch yet: commit something first"
                                    : "its branches: " + String.join(", ", branches)));
            return null;
        }
        try (RevWalk walk = new RevWalk(git)) {
            return walk.parseCommit(ref.getObjectId()).getTree().getId();
        } catch (IOException | RuntimeException e) {
            trunkProblem(field, fromCommandLine, "branch '" + trunk + "' is not a commit: " + e.getMessage());
            return null;
        }
    }

    private void trunkProblem(String field, boolean fromCommandLine, String message) {
        problems.add(
                fromCommandLine
                        ? positionless(field, message)
                        : TeamFile.problemAt(teamYaml, List.of("trunk"), field, message));
    }

    /**
     * The program must exist like the test runner will find it (a path relative to the task's
     * checkout of the trunk, or a name on PATH), and a script given to a shell or interpreter must
     * be in that checkout: committed on the trunk, not just in this folder.
     */
    private void testCommand(List<String> argv, @Nullable Repository git, @Nullable ObjectId trunkTree, String trunk)
            throws IOException {
        if (argv.isEmpty()) {
            return;
        }
        String program = argv.get(0);
        if (program.contains("/")) {
            inCheckout(program, "test_command[0]", git, trunkTree, trunk);
        } else if (!onPath(program, environment.get("PATH"))) {
            problems.add(testCommandProblem("test_command[0]", program + " is not on PATH"));
        }
        String name = Path.of(program).getFileName().toString();
        if (argv.size() > 1 && INTERPRETERS.contains(name) && !argv.get(1).startsWith("-")) {
            inCheckout(argv.get(1), "test_command[1]", git, trunkTree, trunk);
        }
    }

    private void inCheckout(
            String file, String at, @Nullable Repository git, @Nullable ObjectId trunkTree, String trunk)
            throws IOException {
        if (Path.of(file).isAbsolute()) {
            if (!Files.isRegularFile(Path.of(file))) {
                problems.add(testCommandProblem(at, file + " does not exist"));
            }
            return;
        }
        boolean inFolder = Files.isRegularFile(repository.resolve(file));
        if (git == null || trunkTree == null) {
            // no trunk to look in (already a problem of its own): this folder is the best guess
            if (!inFolder) {
                problems.add(testCommandProblem(at, file + " does not exist in the repository"));
            }
            return;
        }
        String path = Path.of(file).normalize().toString();
        boolean committed = !path.startsWith("..") && TreeWalk.forPath(git, path, trunkTree) != null;
        if (!committed) {
            problems.add(testCommandProblem(
                    at,
                    inFolder
                            ? file + " is not committed on " + trunk + " (tests run in a checkout of " + trunk + ")"
                            : file + " does not exist in the repository"));
        }
    }

    private Problem testCommandProblem(String at, String message) {
        return overrides.testCommand() != null
                ? positionless(overrides.prefix() + "bosun.test-command", message)
                : TeamFile.problemAt(teamYaml, List.of(at), "test_command", message);
    }

    /** Each role's agent binary on the PATH that role's agents get: the role's env PATH, else the server's. */
    private void agents(List<Role> roles, @Nullable String commandOverride) {
        Set<String> reported = new LinkedHashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            Role role = roles.get(i);
            String binary = role.command().isEmpty()
                    ? binary(role.agent(), role.model(), commandOverride)
                    : role.command().get(0);
            if (binary == null) {
                continue;
            }
            String path = role.env().getOrDefault("PATH", environment.get("PATH"));
            boolean found =
                    binary.contains("/") ? Files.isExecutable(repository.resolve(binary)) : onPath(binary, path);
            if (found || !reported.add(binary + "\n" + path)) {
                continue;
            }
            String at = "roles[" + i + "].agent";
            String message = "agent '" + role.agent().yamlName() + "' of role '" + role.name() + "' runs " + binary
                    + ", which is not on " + (role.env().containsKey("PATH") ? "the role's env PATH" : "PATH")
                    + "; install it or choose another agent";
            // without a team file the agent is the server's setting
            problems.add(
                    Files.isRegularFile(teamYaml)
                            ? TeamFile.problemAt(
                                    teamYaml,
                                    List.of("roles[" + i + "].command[0]", at, "agent", "roles[" + i + "]"),
                                    at,
                                    message)
                            : positionless(overrides.prefix() + "bosun.agent.kind", message));
        }
    }

    /** The program an agent kind runs, or null when there is nothing to look for. */
    private static @Nullable String binary(AgentKind kind, @Nullable String model, @Nullable String command) {
        return switch (kind) {
            // the script agent runs inside Bosun
            case SCRIPT -> null;
            // its argv is a server setting; known here only when given to bosun start
            case COMMAND -> command;
            case CLAUDE, CODEX, GEMINI, OPENCODE, AIDER ->
                AgentCommands.template(kind, model).get(0);
        };
    }

    /** Like a shell's lookup: an executable regular file in one of the PATH's folders. */
    private static boolean onPath(String name, @Nullable String path) {
        return Executables.find(Path.of("/"), name, path).isPresent();
    }

    private Problem positionless(String field, String message) {
        return new Problem(repository, 0, 0, field, message);
    }
}
