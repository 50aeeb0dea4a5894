package dev.bosun.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.bosun.team.AgentKind;
import dev.bosun.team.Team;
import dev.bosun.team.TeamFile;
import dev.bosun.team.TeamFileException;

/**
 * {@code bosun init --template NAME}: writes {@code .bosun/team.yaml} and {@code .bosun/prompts/},
 * and says that the test command must be set (every template's is a placeholder).
 * The files are written to a scratch folder and validated there first, so a failure leaves the
 * repository as it was ({@code .bosun/} included, when this run created it).
 */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Write .bosun/team.yaml and .bosun/prompts/ from a built-in template.")
final class InitCommand extends RepositoryCommand {

    @Option(
            names = "--template",
            required = true,
            paramLabel = "NAME",
            description = "solo, pair, simple, squad, large, research, software or cleanroom")
    String template;

    @Option(
            names = "--agent",
            paramLabel = "KIND",
            description = "default agent for the team: claude, codex, gemini, opencode, aider, script, command")
    String agent;

    @Option(names = "--force", description = "replace an existing .bosun/team.yaml and its prompts")
    boolean force;

    /** The options are checked before anything is looked at or written: a wrong word is named as such. */
    @Override
    public void run() {
        String templateYaml = Templates.teamYaml(template);
        if (agent != null && AgentKind.fromYaml(agent).isEmpty()) {
            throw new CliException(
                    "unknown agent kind '" + agent + "' for --agent; known kinds: " + AgentKind.allowed());
        }
        Path bosunDir = repositoryRoot().resolve(".bosun");
        Path teamYaml = bosunDir.resolve("team.yaml");
        if (Files.exists(teamYaml) && !force) {
            throw new CliException(teamYaml + " already exists; use --force to replace it");
        }
        boolean newBosunDir = !Files.exists(bosunDir);
        String yaml = withAgent(templateYaml);
        Path scratch = writeScratch(bosunDir, yaml);
        boolean done = false;
        try {
            Team team = TeamFile.load(scratch.resolve("team.yaml"));
            moveInto(scratch, bosunDir);
            Path processes = ProcessFiles.installMissing(repositoryRoot());
            int members = team.members().size();
            out().println("wrote " + teamYaml + " (" + members + (members == 1 ? " member), " : " members), ")
                    + bosunDir.resolve("prompts") + " and " + processes);
            // every template carries a placeholder test command, and it decides every merge
            out().println("set the test command: test_command in " + teamYaml + " is now "
                    + "[" + String.join(", ", team.testCommand()) + "]; make it the argv that runs this"
                    + " repository's tests (exit 0 is green), since Bosun runs it before every merge;"
                    + " bosun validate checks that its program exists");
            out().println("next: bosun start, then bosun task add --title ... or bosun send <role> \"...\"");
            done = true;
        } catch (TeamFileException e) {
            // the problems name the scratch copy, which is gone by now: name the template instead
            throw new CliException(
                    e.getMessage().replace(scratch.resolve("team.yaml").toString(), "template " + template));
        } finally {
            deleteQuietly(done || !newBosunDir ? scratch : bosunDir);
        }
    }

    private String withAgent(String yaml) {
        if (agent == null) {
            return yaml;
        }
        Matcher line = java.util.regex.Pattern.compile("(?m)^agent:.*$").matcher(yaml);
        String replacement = "agent: " + agent;
        return line.find() ? line.replaceFirst(Matcher.quoteReplacement(replacement)) : replacement + "\n" + yaml;
    }

    private Path writeScratch(Path bosunDir, String yaml) {
        try {
            Files.createDirectories(bosunDir);
            Path scratch = Files.createTempDirectory(bosunDir, ".init-");
            Files.createDirectories(scratch.resolve("prompts"));
            Files.writeString(scratch.resolve("team.yaml"), yaml);
            for (String prompt : Templates.promptNames(yaml)) {
                Files.writeString(scratch.resolve("prompts").resolve(prompt), Templates.prompt(template, prompt));
            }
            return scratch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + bosunDir, e);
        }
    }

    private static void moveInto(Path scratch, Path bosunDir) {
        try {
            Files.createDirectories(bosunDir.resolve("prompts"));
            try (Stream<Path> prompts = Files.list(scratch.resolve("prompts"))) {
                for (Path prompt : prompts.toList()) {
                    Files.move(
                            prompt,
                            bosunDir.resolve("prompts").resolve(prompt.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // team.yaml last: its presence says the team is complete.
            Files.move(
                    scratch.resolve("team.yaml"), bosunDir.resolve("team.yaml"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the team into " + bosunDir, e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover scratch folder under .bosun is harmless
        }
    }
}
