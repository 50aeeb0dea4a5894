package dev.bosun.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Builds the tmux session of {@code bosun attach}: one pane per member, titled with its name,
 * tiled. Panes are addressed by their ids ({@code %3}) and the session as {@code =NAME}, because
 * a bare name also matches any session whose name starts with it.
 */
final class MemberPanes {

    /** Where the member's name is kept: a pane title can be changed by the program's own escape sequences. */
    static final String MEMBER_OPTION = "@bosun-member";
    /** The size of a detached session; a client that attaches later resizes it. */
    private static final List<String> DETACHED_SIZE = List.of("-x", "200", "-y", "50");

    record Pane(String member, String id) {}

    private MemberPanes() {}

    /**
     * Replaces any session called {@code session} with a new one whose panes run
     * {@code command.apply(member)}, in the order of {@code members} (at least one).
     */
    static List<Pane> open(Tmux tmux, String session, List<String> members, Function<String, List<String>> command) {
        return open(tmux, session, members, null, command);
    }

    /**
     * As {@link #open(Tmux, String, List, Function)}, the panes starting in {@code directory} (null:
     * tmux's default): there a pane's {@code bosun} finds the repository's API token.
     */
    static List<Pane> open(
            Tmux tmux,
            String session,
            List<String> members,
            java.nio.file.@Nullable Path directory,
            Function<String, List<String>> command) {
        // A session of that name is replaced only once the new one is complete, under a name of its
        // own until then: killing the server's only session first makes the server exit, and a
        // new-session that reaches the exiting server fails ("server exited unexpectedly").
        boolean replacing = tmux.succeeds(List.of("has-session", "-t", "=" + session));
        String building =
                replacing ? session + "-" + UUID.randomUUID().toString().substring(0, 8) : session;
        try {
            List<Pane> panes = build(tmux, building, members, directory, command);
            if (replacing) {
                tmux.run(List.of(
                        "kill-session",
                        "-t",
                        "=" + session,
                        Tmux.SEPARATOR,
                        "rename-session",
                        "-t",
                        "=" + building,
                        session));
            }
            return panes;
        } catch (RuntimeException e) {
            if (replacing) {
                tmux.succeeds(List.of("kill-session", "-t", "=" + building));
            }
            throw e;
        }
    }

    private static List<Pane> build(
            Tmux tmux,
            String session,
            List<String> members,
            java.nio.file.@Nullable Path directory,
            Function<String, List<String>> command) {
        List<String> startIn = directory == null ? List.of() : List.of("-c", directory.toString());
        String window = "=" + session + ":";
        List<Pane> panes = new ArrayList<>();
        // One call, so the window keeps a pane that exits at once (and shows why) from the start.
        List<String> create = new ArrayList<>(List.of("new-session", "-d", "-s", session));
        create.addAll(DETACHED_SIZE);
        create.addAll(startIn);
        create.addAll(List.of("-P", "-F", "#{pane_id}"));
        create.addAll(Tmux.command(command.apply(members.get(0))));
        create.addAll(List.of(
                Tmux.SEPARATOR,
                "set-option",
                "-w",
                "-t",
                window,
                "remain-on-exit",
                "on",
                Tmux.SEPARATOR,
                "set-option",
                "-w",
                "-t",
                window,
                "pane-border-status",
                "top",
                Tmux.SEPARATOR,
                "set-option",
                "-w",
                "-t",
                window,
                "pane-border-format",
                "#{?pane_active,#[reverse],} #{" + MEMBER_OPTION + "} #[default]"));
        panes.add(new Pane(members.get(0), firstLine(tmux.run(create))));
        for (String member : members.subList(1, members.size())) {
            List<String> split = new ArrayList<>(List.of("split-window", "-t", window, "-P", "-F", "#{pane_id}"));
            split.addAll(startIn);
            split.addAll(Tmux.command(command.apply(member)));
            // Re-tile after every split: splitting the last, ever smaller pane would run out of room.
            split.addAll(List.of(Tmux.SEPARATOR, "select-layout", "-t", window, "tiled"));
            panes.add(new Pane(member, firstLine(tmux.run(split))));
        }
        List<String> titles = new ArrayList<>();
        for (Pane pane : panes) {
            titles.addAll(List.of(
                    "select-pane",
                    "-t",
                    pane.id(),
                    "-T",
                    Tmux.literal(pane.member()),
                    Tmux.SEPARATOR,
                    "set-option",
                    "-p",
                    "-t",
                    pane.id(),
                    MEMBER_OPTION,
                    Tmux.argument(pane.member()),
                    Tmux.SEPARATOR));
        }
        titles.addAll(List.of("select-pane", "-t", panes.get(0).id()));
        tmux.run(titles);
        return panes;
    }

    private static String firstLine(String output) {
        String line = output.lines().findFirst().orElse("").strip();
        if (!line.startsWith("%")) {
            throw new CliException("tmux did not report the new pane: " + output.strip());
        }
        return line;
    }
}
