package dev.bosun.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.bosun.team.Team;
import dev.bosun.team.TeamFile;
import dev.bosun.team.TeamFileException;

/** {@code bosun validate}: checks the team file and prints the member tree. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check .bosun/team.yaml and print the member tree.")
final class ValidateCommand extends RepositoryCommand {

    @Option(
            names = "--file",
            paramLabel = "PATH",
            description = "team file (default: .bosun/team.yaml of this repository)")
    Path file;

    @Option(names = "--json", description = "print the members as JSON")
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
        try {
            team = TeamFile.load(teamYaml);
        } catch (TeamFileException e) {
            throw new CliException(e.getMessage());
        }
        out().print(json ? asJson(team) + "\n" : team.tree());
    }

    private static String asJson(Team team) {
        List<Map<String, Object>> members = team.members().stream()
                .map(m -> {
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("name", m.name());
                    member.put("role", m.role().name());
                    member.put("roleType", m.role().type().yamlName());
                    member.put("reportsTo", m.reportsTo());
                    return member;
                })
                .toList();
        try {
            return new ObjectMapper().writeValueAsString(Map.of("team", team.name(), "members", members));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
