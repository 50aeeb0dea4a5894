package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code bosun plan} without a server: which command a command line reaches (a goal next to
 * subcommands), the request bodies it would send, and the usage errors that need no server.
 */
class PlanCommandLineTest {

    @TempDir
    Path temp;

    @Test
    void aSubcommandNameRunsTheSubcommandAndAnythingElseIsTheGoal() {
        assertThat(reached("plan", "list")).isInstanceOf(PlanCommand.ListPlans.class);
        assertThat(reached("plan", "show", "3")).isInstanceOf(PlanCommand.Show.class);
        assertThat(reached("plan", "cancel", "#3")).isInstanceOf(PlanCommand.Cancel.class);
        assertThat(reached("plan", "decide", "3", "approve", "--guidance", "go"))
                .isInstanceOf(PlanCommand.Decide.class);

        Object goal = reached("plan", "Add a parser", "--title", "Parser", "--wait");
        assertThat(goal).isInstanceOf(PlanCommand.class);
        assertThat(((PlanCommand) goal).request())
                .containsExactly(Map.entry("goal", "Add a parser"), Map.entry("title", "Parser"));
        assertThat(((PlanCommand) goal).wait).isTrue();

        Object listAsAGoal = reached("plan", "--", "list");
        assertThat(listAsAGoal).isInstanceOf(PlanCommand.class);
        assertThat(((PlanCommand) listAsAGoal).goal).isEqualTo("list");
    }

    @Test
    void approvalIsSentOnlyWhenAskedForSoTheTeamFileDecidesOtherwise() {
        assertThat(((PlanCommand) reached("plan", "G", "--approve")).request())
                .containsExactly(Map.entry("goal", "G"), Map.entry("approval", true));
        assertThat(((PlanCommand) reached("plan", "G")).request()).containsOnlyKeys("goal");
        assertThat(((PlanCommand) reached("plan", "")).request())
                .as("an empty goal is the server's to refuse, naming the field")
                .containsExactly(Map.entry("goal", ""));
    }

    @Test
    void aTaskAddedInAPlanningTurnNamesThePlanFromBosunPlanOrTheOption() {
        TaskCommand.Add inTurn = (TaskCommand.Add) reached("task", "add", "--title", "Lexer", "--depends-on", "#5,6");
        inTurn.context(new CliContext(temp, Map.of("BOSUN_PLAN", "3", "BOSUN_MEMBER", "architect"), sink(), sink()));
        assertThat(inTurn.request())
                .containsEntry("plan", "3")
                .containsEntry("createdBy", "architect")
                .containsEntry("dependsOn", List.of("5", "6"));

        TaskCommand.Add explicit = (TaskCommand.Add) reached("task", "add", "--title", "Lexer", "--plan", "#4");
        explicit.context(new CliContext(temp, Map.of("BOSUN_PLAN", "3"), sink(), sink()));
        assertThat(explicit.request())
                .as("the option wins over the environment")
                .containsEntry("plan", "4");

        TaskCommand.Add outside = (TaskCommand.Add) reached("task", "add", "--title", "Lexer");
        outside.context(new CliContext(temp, Map.of(), sink(), sink()));
        assertThat(outside.request()).doesNotContainKey("plan");
    }

    @Test
    void aPlanWithoutAGoalIsAUsageErrorAndSendsNothing() {
        Result result = cli("plan");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("bosun: missing GOAL (or a subcommand: list, show, cancel or decide)");
        assertThat(result.err()).contains("Usage: bosun plan");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void showCancelAndDecideWithoutTheirArgumentsAreUsageErrors() {
        assertThat(cli("plan", "show").err()).startsWith("bosun: Missing required parameter: 'ID'");
        assertThat(cli("plan", "show").code()).isEqualTo(2);
        assertThat(cli("plan", "cancel").code()).isEqualTo(2);
        Result decide = cli("plan", "decide", "3");
        assertThat(decide.code()).isEqualTo(2);
        assertThat(decide.err()).startsWith("bosun: Missing required parameter: 'DECISION'");
    }

    @Test
    void theHelpOfDecideListsTheDecisionsFromTheirOneHome() {
        assertThat(cli("plan", "decide", "--help").out()).contains("approve, reject, replan, fail");
    }

    private static Object reached(String... args) {
        ParseResult parsed =
                BosunCli.commandLine(args, CommandLine.defaultFactory()).parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().userObject();
    }

    private static PrintWriter sink() {
        return new PrintWriter(new StringWriter());
    }

    private record Result(int code, String out, String err) {}

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BosunCli.run(args, temp, Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }
}
