package dev.bosun.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.bosun.ServerFile;
import dev.bosun.agent.JavaLauncher;
import dev.bosun.preflight.Preflight;
import dev.bosun.security.SecretsFolder;
import dev.bosun.team.Problem;
import dev.bosun.team.TeamFile;
import dev.bosun.team.TeamFileException;

/**
 * {@code bosun start}: runs the server for this repository in the background (its own session,
 * so closing the terminal or Ctrl-C in it does not stop the team), with the engine in
 * {@code .bosun/data/}, and returns once it answers. A team file that does not validate, or a
 * repository without what a task will need ({@link Preflight}), starts nothing. Secret-looking settings ({@code --spring.datasource.password=...}) reach the server
 * through its environment, never its argv, which any local user can read in {@code ps}. The start
 * that created the admin password prints it, once.
 */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = "Start the Bosun server for this repository in the background and wait until it is ready.")
final class StartCommand extends ServerCommand {

    static final String MAIN_CLASS = "dev.bosun.BosunApplication";
    /**
     * The server runs for hours with an engine and web apps: more than the launcher's small child
     * defaults. A small initial heap ({@code -Xms32m}, grown as needed up to the same ceiling)
     * instead of Java's 1/64 of the machine's memory: idle with 19 members the resident size
     * measured ~350 MB instead of ~400 MB. Only the quick compiler ({@code -XX:TieredStopAtLevel=1}):
     * on 2 cores the optimising compiler spent ~6 s of CPU during start-up, which took 7.2 s to
     * Spring's "started" with it and 5.2 s without. The server's steady work is mostly git, the
     * database and terminals: the benchmark's lifecycle and messages measured no loss, but a
     * status of 10,000 finished tasks takes about twice as long (README, Speed). {@value #JAVA_OPTIONS}
     * adds flags after these, so they win: {@code -XX:TieredStopAtLevel=4} brings the optimising
     * compiler back, {@code -Xmx2g} gives a large team more heap.
     */
    static final List<String> SERVER_JVM_FLAGS =
            List.of("-Xmx768m", "-Xms32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** The environment variable of extra JVM flags for the server, separated by spaces. */
    static final String JAVA_OPTIONS = "BOSUN_JAVA_OPTIONS";
    /** Setting names whose values must not appear in argv. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential|key).*");

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8080",
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--attach", description = "then open the tmux view of the team (bosun attach)")
    boolean attach;

    @Option(names = "--json", description = "print the server's url, pid and repository as JSON")
    boolean json;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "180",
            description = "how long to wait for the server to be ready (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Parameters(
            paramLabel = "--property=value",
            arity = "0..*",
            description = "extra server settings, e.g. --bosun.turn-timeout=10m (after --)")
    List<String> serverArguments = new ArrayList<>();

    @Override
    public void run() {
        Path repository = repositoryRoot();
        validateTeam(repository);
        Path serverFile = ServerFile.path(repository);
        Optional<ServerFile.Contents> running = ServerFile.read(serverFile).filter(ServerProcesses::alive);
        if (running.isPresent()) {
            refuseWhatWouldNotApply(running.get());
            report(
                    running.get(),
                    "Bosun already runs for " + repository + " at "
                            + running.get().url() + " (pid " + running.get().pid() + ")");
            afterStart();
            return;
        }
        deleteStale(serverFile);
        for (String argument : serverArguments) {
            if (!argument.startsWith("--") || !argument.contains("=")) {
                throw new CliException("server settings are --name=value, got '" + argument + "'");
            }
        }
        Path log = repository.resolve(".bosun").resolve("logs").resolve("server.log");
        Path passwordFile = SecretsFolder.of(repository).file(SecretsFolder.ADMIN_PASSWORD);
        boolean hadPassword = Files.exists(passwordFile);
        JavaLauncher launcher = JavaLauncher.current();
        Optional<ServerArchive> archive = ServerArchive.of(
                System.getProperty("java.class.path"), Path.of(System.getProperty("java.home")), context.environment());
        Process process = launch(repository, log, launcher, archive);
        ServerFile.Contents server;
        try {
            server = awaitReady(process, serverFile, log);
        } catch (CliException e) {
            archive.ifPresent(ServerArchive::forgetClassList);
            throw e;
        }
        archive.ifPresent(a -> a.afterReady(server.pid(), launcher));
        report(
                server,
                "Bosun started for " + repository + " at " + server.url() + " (pid " + server.pid() + "); log: "
                        + repository.relativize(log));
        if (!json) {
            out().println(login(server.url(), repository, passwordFile, hadPassword));
        }
        afterStart();
    }

    /**
     * A start while the server runs changes nothing, so a port or settings that differ from the
     * running server's are an error naming it, not a silent "already runs" (exit 0) that the user
     * reads as "now on port 9000". {@code --port 0} (any free port) matches any running one.
     */
    private void refuseWhatWouldNotApply(ServerFile.Contents server) {
        String running =
                "Bosun already runs for " + server.repository() + " at " + server.url() + " (pid " + server.pid() + ")";
        int runningPort = URI.create(server.url()).getPort();
        boolean portGiven = spec.commandLine().getParseResult().hasMatchedOption("--port");
        if (portGiven && port != 0 && port != runningPort) {
            throw new CliException(running + ", not on port " + port + "; nothing started."
                    + " To move it: bosun stop, then bosun start --port " + port);
        }
        if (!serverArguments.isEmpty()) {
            // names only: a value may be a password
            List<String> names = serverArguments.stream()
                    .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
                    .toList();
            throw new CliException(running + "; " + String.join(" ", names)
                    + " not applied (its settings stay as they are). To apply: bosun stop, then bosun start again");
        }
    }

    /** How to log in to the webapps: with the password itself only on the start that created it. */
    private String login(String url, Path repository, Path passwordFile, boolean hadPassword) {
        String apps = "Cockpit/Tasklist: " + url + "/camunda/app/ - log in as admin / ";
        boolean fromEnvironment = context.env("BOSUN_ADMIN_PASSWORD") != null
                || serverArguments.stream().anyMatch(a -> a.startsWith("--bosun.admin-password="));
        if (fromEnvironment) {
            return apps + "the password you gave (BOSUN_ADMIN_PASSWORD or --bosun.admin-password)";
        }
        String kept = repository.relativize(passwordFile).toString();
        if (!hadPassword && Files.isRegularFile(passwordFile)) {
            try {
                return apps + Files.readString(passwordFile).strip() + "; it is kept in " + kept;
            } catch (IOException e) {
                throw new CliException("the server runs, but its admin password cannot be read: " + e.getMessage());
            }
        }
        return apps + "the password in " + kept;
    }

    /**
     * The environment name Spring Boot's relaxed binding reads for a setting:
     * {@code spring.datasource.password} -> {@code SPRING_DATASOURCE_PASSWORD}. Dashes become
     * underscores (Spring's legacy form, which it still binds), so {@code bosun.admin-password}
     * is the documented {@code BOSUN_ADMIN_PASSWORD}, which agents' environments never inherit.
     */
    static String environmentName(String setting) {
        return setting.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Splits {@code --name=value} settings into argv ones and secret ones (name -> value) that go to the environment. */
    static Map<String, String> secretSettings(List<String> settings) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String setting : settings) {
            String name = setting.substring(2, setting.indexOf('='));
            if (SECRET_NAME.matcher(name).matches()) {
                secrets.put(environmentName(name), setting.substring(setting.indexOf('=') + 1));
            }
        }
        return secrets;
    }

    private void report(ServerFile.Contents server, String text) {
        if (json) {
            printJson(ServerFile.fields(server));
        } else {
            out().println(text);
        }
    }

    private void afterStart() {
        out().flush();
        if (attach) {
            int code = spec.commandLine().getParent().execute("attach");
            if (code != 0) {
                throw new CliException("the server runs, but attach failed (exit " + code + ")");
            }
        }
    }

    /**
     * A team file is required: without one the server would run its implicit script-agent
     * engineers, which do nothing a user asked for (that mode is for the demo and java -jar). A team
     * file that validates must also find what a task will need ({@link Preflight}), with the
     * {@code --bosun.trunk} and {@code --bosun.agent.command} given here winning over it as they do
     * in the server.
     */
    private void validateTeam(Path repository) {
        Path teamFile = repository.resolve(".bosun").resolve("team.yaml");
        if (!Files.isRegularFile(teamFile)) {
            throw new CliException("no team file " + teamFile + "; create one first, e.g. bosun init --template pair"
                    + " (nothing started)");
        }
        List<Problem> problems;
        try {
            problems =
                    Preflight.check(repository, teamFile, TeamFile.load(teamFile), context.environment(), overrides());
        } catch (TeamFileException e) {
            throw new CliException(e.getMessage() + " (nothing started)");
        }
        if (!problems.isEmpty()) {
            throw new CliException(
                    problems.stream().map(Preflight::line).collect(Collectors.joining("\n")) + " (nothing started)");
        }
    }

    /** The well-formed {@code --name=value} server settings, by name. */
    private Map<String, String> overrides() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String argument : serverArguments) {
            int equals = argument.indexOf('=');
            if (argument.startsWith("--") && equals > 2) {
                settings.put(argument.substring(2, equals), argument.substring(equals + 1));
            }
        }
        return settings;
    }

    private static void deleteStale(Path serverFile) {
        try {
            Files.deleteIfExists(serverFile);
        } catch (IOException e) {
            throw new CliException("cannot remove the stale " + serverFile + ": " + e.getMessage());
        }
    }

    private Process launch(Path repository, Path log, JavaLauncher launcher, Optional<ServerArchive> archive) {
        List<String> args = new ArrayList<>();
        args.add("--bosun.repository=" + repository);
        args.add("--bosun.processes-dir=" + ProcessFiles.installMissing(repository));
        for (String name : ProcessFiles.differingFromThisBuild(repository)) {
            err().println("bosun: note: .bosun/processes/" + name + " differs from this build's copy"
                    + " (your edit, or an older Bosun's); it is used as it is. Delete it to get this build's.");
        }
        args.add("--server.port=" + port);
        Map<String, String> secrets = secretSettings(serverArguments);
        serverArguments.stream()
                .filter(a -> !secrets.containsKey(environmentName(a.substring(2, a.indexOf('=')))))
                .forEach(args::add);
        // setsid: a session of its own, so the terminal's Ctrl-C or hang-up never reaches the server
        List<String> argv = new ArrayList<>(List.of("setsid"));
        List<String> flags = new ArrayList<>(SERVER_JVM_FLAGS);
        archive.ifPresent(a -> flags.addAll(a.serverFlags()));
        flags.addAll(extraJvmFlags());
        argv.addAll(launcher.command(MAIN_CLASS, flags, args));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "");
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .directory(repository.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(devNull()));
            builder.environment().putAll(secrets);
            return builder.start();
        } catch (IOException e) {
            throw new CliException("cannot start the server: " + e.getMessage());
        }
    }

    /** The flags of {@value #JAVA_OPTIONS}; each must look like a JVM option, so a stray word fails here, not in the server's log. */
    private List<String> extraJvmFlags() {
        String value = context.env(JAVA_OPTIONS);
        if (value == null) {
            return List.of();
        }
        List<String> flags = List.of(value.strip().split("\\s+"));
        for (String flag : flags) {
            if (!flag.startsWith("-")) {
                throw new CliException(JAVA_OPTIONS + " holds '" + flag + "', which is not a JVM option"
                        + " (they start with -, e.g. -Xmx2g); nothing started");
            }
        }
        return flags;
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    /**
     * How often the start looks for the server's file: a failed open of a local file until the
     * file is there (then one request), and every poll's wait is start-up time the user waits on.
     */
    private static final Duration READY_POLL = Duration.ofMillis(50);

    /** Ready = this launch wrote server.json and /api/status answers; a server that exits is reported with its log. */
    private ServerFile.Contents awaitReady(Process process, Path serverFile, Path log) {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new CliException("the server stopped during start-up (exit " + process.exitValue() + "): "
                        + lastError(log) + " (see " + log + ")");
            }
            Optional<ServerFile.Contents> server = ServerFile.read(serverFile); // empty until it is written
            if (server.isPresent() && new BosunClient(server.get().url(), null).answers()) {
                return server.get();
            }
            sleep(READY_POLL);
        }
        process.destroy();
        throw new CliException("the server was not ready after " + timeoutSeconds + " s and was stopped; see " + log);
    }

    /**
     * The most telling line of a failed start: Spring Boot's failure analysis ("Description:"
     * block), else the last "Caused by", else the last line.
     */
    static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            int description = lines.indexOf("Description:");
            if (description >= 0) {
                Optional<String> first = lines.stream()
                        .skip(description + 1)
                        .filter(l -> !l.isBlank())
                        .findFirst();
                if (first.isPresent() && !first.get().equals("Action:")) {
                    return first.get().strip();
                }
            }
            String cause = null;
            for (String line : lines) {
                if (line.startsWith("Caused by: ")) {
                    cause = line.substring("Caused by: ".length());
                }
            }
            if (cause != null) {
                return cause;
            }
            return lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
        } catch (IOException e) {
            return "no log";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the server");
        }
    }
}
