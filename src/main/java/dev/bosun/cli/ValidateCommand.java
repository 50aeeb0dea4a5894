package dev.bosun.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.bosun.preflight.Preflight;
import dev.bosun.team.Problem;
import dev.bosun.team.Team;
import dev.bosun.team.TeamFile;
import dev.bosun.team.TeamFileException;

/**
 * {@code bosun validate}: checks the team file and what a task will need ({@link Preflight}), then
 * prints the member tree; every problem is one line and the exit code is 1.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check .bosun/team.yaml and what tasks will need (git repository, trunk, test command,"
                + " agent binaries), and print the member tree.")
final class ValidateCommand extends RepositoryCommand {

    @Option(
            names = "--file",
            paramLabel = "PATH",
            description = "team file (default: .bosun/team.yaml of this repository)")
    Path file;

    @Option(names = "--json", description = "print the members and the problems as JSON")
    boolean json;

    @Override
    public void run() {
        Path teamYaml = file != null
                ? workingDirectory.resolve(file)
                : repositoryRoot().resolve(".bosun").resolve("team.yaml");
        if (!Files.exists(teamYaml)) {
            throw new CliException(
                    file != null
                            ? teamYaml + " not found"
                            : ".bosun/team.yaml not found: run bosun init --template NAME (bosun init --help lists them)");
        }
        Team team;
        List<Problem> problems;
        try {
            team = TeamFile.load(teamYaml);
            // a --file outside any repository is checked against the folder it runs in
            Path repository = Repositories.find(workingDirectory)
                    .orElse(workingDirectory.toAbsolutePath().normalize());
            problems = Preflight.check(repository, teamYaml, team, context.environment(), Map.of());
        } catch (TeamFileException e) {
            team = null;
            problems = e.problems();
        }
        if (json) {
            out().print(asJson(team, problems) + "\n");
        }
        if (!problems.isEmpty()) {
            throw new CliException(problems.stream().map(Preflight::line).collect(Collectors.joining("\n")));
        }
        if (!json) {
            out().print(team.tree());
        }
    }

    /** {@code {"team", "members", "problems"}}; without a usable team file only {@code problems}. */
    private static String asJson(@Nullable Team team, List<Problem> problems) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (team != null) {
            document.put("team", team.name());
            document.put(
                    "members",
                    team.members().stream()
                            .map(m -> {
                                Map<String, Object> member = new LinkedHashMap<>();
                                member.put("name", m.name());
                                member.put("role", m.role().name());
                                member.put("roleType", m.role().type().yamlName());
                                member.put("reportsTo", m.reportsTo());
                                return member;
                            })
                            .toList());
        }
        document.put(
                "problems",
                problems.stream()
                        .map(p -> {
                            Map<String, Object> problem = new LinkedHashMap<>();
                            problem.put("file", p.file().toString());
                            problem.put("line", p.line());
                            problem.put("column", p.column());
                            problem.put("field", p.field());
                            problem.put("message", p.message());
                            problem.put("text", Preflight.line(p));
                            return problem;
                        })
                        .toList());
        try {
            return new ObjectMapper().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
