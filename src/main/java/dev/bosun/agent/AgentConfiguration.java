package dev.bosun.agent;

import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.events.EventLog;
import dev.bosun.events.LogRotation;
import dev.bosun.security.Redactor;
import dev.bosun.team.AgentKind;
import dev.bosun.team.Member;
import dev.bosun.team.Role;
import dev.bosun.team.Roster;
import dev.bosun.team.Team;
import dev.bosun.team.TeamFile;

/**
 * Gives every member of the roster the agent of its role ({@code agent}, {@code model} and, for
 * kind {@code command}, {@code command} in team.yaml, else {@code bosun.agent.command});
 * {@code bosun.agent.kind} is the kind for a repository without a team file. The only Spring class
 * of this area.
 */
@Configuration(proxyBeanMethods = false)
public class AgentConfiguration {

    @Bean
    MemberActivity memberActivity() {
        return new MemberActivity();
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    StallWatcher stallWatcher(MemberActivity activity, EventLog events, BosunProperties properties) {
        return new StallWatcher(activity, events, properties.stallTimeout(), Clock.systemUTC());
    }

    @Bean
    TurnSupervisor turnSupervisor(MemberActivity activity, EventLog events, BosunProperties properties) {
        return new TurnSupervisor(activity, events, properties.stallTimeout(), Clock.systemUTC());
    }

    /**
     * @param ledger the turn ledger of the usage area; none where that area is not in the context
     *               (a test of this configuration alone)
     */
    @Bean
    AgentTurn agentTurn(
            BosunProperties properties,
            Roster roster,
            MemberActivity activity,
            Redactor redactor,
            ObjectProvider<TurnLedger> ledger,
            ObjectProvider<Clock> clock) {
        UnaryOperator<OutputStream> logRedaction = redactor::redacting;
        LogRotation logRotation = new LogRotation(properties.logs().rotateAtBytes(), Clock.systemUTC());
        Map<String, AgentTurn> byKindAndModel = new HashMap<>();
        Map<String, AgentTurn> byMember = new LinkedHashMap<>();
        for (Member member : roster.members()) {
            AgentKind kind = member.role().agent();
            String model = member.role().model();
            List<String> command = kind == AgentKind.COMMAND
                    ? commandOf(member.role(), roster.team(), properties)
                    : properties.agent().command();
            byMember.put(
                    member.name(),
                    byKindAndModel.computeIfAbsent(
                            kind.yamlName() + "\n" + model + "\n" + String.join("\0", command),
                            key -> agentFor(kind, model, command, logRedaction, logRotation)));
        }
        String configured = properties.agent().kind() == null
                ? ""
                : properties.agent().kind().strip();
        AgentKind kind = AgentKind.fromYaml(configured)
                .orElseThrow(() -> new IllegalStateException(
                        "bosun.agent.kind is '" + configured + "'; allowed values: " + AgentKind.allowed()));
        return new MemberAgents(
                byMember,
                agentFor(kind, null, properties.agent().command(), logRedaction, logRotation),
                activity,
                redactor::redact,
                TurnLedger.all(ledger.orderedStream().toList()),
                clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * The argv of a {@code command} role: its own {@code command} from team.yaml, else the server's
     * {@code bosun.agent.command}. Neither is refused here, naming the role and its line, before any
     * turn could fail on it; without a team file the agent's own message names the setting.
     */
    private static List<String> commandOf(Role role, Team team, BosunProperties properties) {
        if (!role.command().isEmpty()) {
            return role.command();
        }
        List<String> global = properties.agent().command();
        if (global.isEmpty() && Files.isRegularFile(properties.teamFile())) {
            String at = "roles[" + team.roles().indexOf(role) + "]";
            throw new IllegalStateException(TeamFile.problemAt(
                            properties.teamFile(),
                            List.of(at + ".agent", at),
                            at,
                            "role '" + role.name() + "' runs agent kind 'command' but sets no command, and"
                                    + " bosun.agent.command is not set either: add command: [my-agent, --prompt,"
                                    + " \"{prompt}\"] to the role (or set bosun.agent.command for every such role)")
                    .format());
        }
        return global;
    }

    private static AgentTurn agentFor(
            AgentKind kind,
            String model,
            List<String> command,
            UnaryOperator<OutputStream> logRedaction,
            LogRotation logRotation) {
        return switch (kind) {
            case SCRIPT -> new ScriptAgent(logRedaction, logRotation);
            case COMMAND -> new CommandAgent(command, null, logRedaction, logRotation);
            case CLAUDE, CODEX, GEMINI, OPENCODE, AIDER -> AgentCommands.agent(kind, model, logRedaction, logRotation);
        };
    }
}
