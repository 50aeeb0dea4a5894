package dev.bosun.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.bosun.agent.JavaLauncher;

/**
 * {@code bosun attach [MEMBER]}: a tmux session with one pane per member (or the one member),
 * each running {@code bosun logs MEMBER -f} against this server, so the team's terminals can be
 * watched side by side, also from another machine. The members come from the server
 * ({@code GET /api/members}), not from a local team file.
 *
 * <p>{@code $BOSUN_TMUX_SOCKET} (or the hidden {@code --tmux-socket}) puts the session on a
 * private tmux server instead of the user's: the tests use it so they never touch a person's tmux.
 */
@Command(
        name = "attach",
        mixinStandardHelpOptions = true,
        description = "Open a tmux session with one pane per member following its terminal output "
                + "(or just MEMBER's), then attach to it.")
final class AttachCommand extends ServerCommand {

    /** A private tmux server for this command (a name for tmux -L, or a socket path for -S): tests set it. */
    static final String SOCKET_VARIABLE = "BOSUN_TMUX_SOCKET";
    /** Each pane starts with this much history (tmux keeps 2000 lines by default) and then follows. */
    static final int PANE_TAIL_LINES = 1000;
    /** tmux expands formats in session names and replaces '.' and ':'; these characters need neither. */
    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    @Parameters(index = "0", arity = "0..1", paramLabel = "MEMBER", description = "only this member (one pane)")
    String member;

    @Option(names = "--detach", description = "build the session but do not attach; print how to attach")
    boolean detach;

    @Option(
            names = "--session",
            paramLabel = "NAME",
            description =
                    "tmux session name (default: bosun-<repository folder>[-MEMBER]); an existing one is replaced")
    String session;

    @Option(names = "--json", description = "print the session and its panes as JSON (implies not attaching)")
    boolean json;

    @Option(
            names = "--tmux-socket",
            hidden = true,
            paramLabel = "NAME|PATH",
            description = "use a private tmux server (default: $" + SOCKET_VARIABLE + ", else tmux's own)")
    String socket;

    @Override
    public void run() {
        String name = sessionName();
        Tmux tmux = Tmux.find(context.env("PATH"), socket());
        List<String> members = members();
        String url = serverUrl();
        List<MemberPanes.Pane> panes = MemberPanes.open(
                tmux,
                name,
                members,
                Repositories.find(workingDirectory).orElse(null),
                m -> paneCommand(m, url, cacheFolder()));
        if (!detach && !json && onTerminal()) {
            // Inside tmux, switch this client over; a private socket is another server, so nest there.
            boolean switchClient = context.env("TMUX") != null && socket() == null;
            List<String> attach = List.of(switchClient ? "switch-client" : "attach-session", "-t", "=" + name);
            int code = tmux.interactive(attach, !switchClient);
            if (code != 0) {
                throw new CliException(
                        "tmux " + attach.get(0) + " exited with " + code + "; the session " + name + " is still there");
            }
            return;
        }
        List<String> attachHint = tmux.argv(List.of("attach-session", "-t", name));
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("session", name);
            result.put(
                    "panes",
                    panes.stream()
                            .map(p -> Map.of("member", p.member(), "pane", p.id()))
                            .toList());
            result.put("attach", attachHint);
            printJson(result);
            return;
        }
        out().println("tmux session " + name + ": " + panes.size() + (panes.size() == 1 ? " pane (" : " panes (")
                + String.join(", ", members) + ")");
        out().println("attach with: " + String.join(" ", attachHint));
    }

    private String socket() {
        return socket != null ? socket : context.env(SOCKET_VARIABLE);
    }

    private String sessionName() {
        if (session != null) {
            if (!SESSION_NAME.matcher(session).matches()) {
                throw new CliException(
                        "--session must be letters, digits, '-' or '_' (at most 100), got '" + session + "'");
            }
            return session;
        }
        Path folder = Repositories.find(workingDirectory).orElse(workingDirectory.toAbsolutePath());
        String base = folder.getFileName() == null ? "bosun" : "bosun-" + folder.getFileName();
        return (member == null ? base : base + "-" + member).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** From the server, so an unknown member is its 404 ("no member 'x' in the team; members: ..."). */
    private List<String> members() {
        BosunClient client = client();
        if (member != null) {
            return List.of(client.get("/api/members/" + BosunClient.encode(member))
                    .path("name")
                    .asText());
        }
        List<String> names = new ArrayList<>();
        for (JsonNode each : client.get("/api/members")) {
            names.add(each.path("name").asText());
        }
        if (names.isEmpty()) {
            throw new CliException("the team at " + client.baseUrl() + " has no members");
        }
        return names;
    }

    /**
     * A fresh small JVM running {@code bosun logs}: the same build as this command, whichever way
     * it was started, in a command short enough for tmux.
     */
    private static List<String> paneCommand(String member, String url, Path cache) {
        try {
            return JavaLauncher.current()
                    .shortCommand(
                            BosunCli.class.getName(),
                            List.of("logs", member, "-f", "--tail", Integer.toString(PANE_TAIL_LINES), "--url", url),
                            cache);
        } catch (IOException e) {
            throw new CliException("cannot write the class path file for tmux into " + cache + ": " + e.getMessage());
        }
    }

    /** The user's cache folder ({@code $XDG_CACHE_HOME/bosun}, else {@code ~/.cache/bosun}). */
    private Path cacheFolder() {
        String xdg = context.env("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("bosun");
    }

    /** Attach only when a person runs this on a terminal; a script or a test gets the printed hint. */
    private boolean onTerminal() {
        return out() instanceof StandardOutput && System.console() != null;
    }
}
