package dev.bosun.agent;

import java.io.OutputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.events.EventLog;
import dev.bosun.security.Redactor;
import dev.bosun.team.Member;
import dev.bosun.team.Roster;

/**
 * Gives every member of the roster the agent of its role ({@code agent} and {@code model} in
 * team.yaml); {@code bosun.agent.kind} is the kind for a repository without a team file. The only
 * Spring class of this area.
 */
@Configuration(proxyBeanMethods = false)
public class AgentConfiguration {

    static final String KINDS = "script, command, claude, codex, gemini, opencode, aider";

    @Bean
    MemberActivity memberActivity() {
        return new MemberActivity();
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    StallWatcher stallWatcher(MemberActivity activity, EventLog events, BosunProperties properties) {
        return new StallWatcher(activity, events, properties.stallTimeout(), Clock.systemUTC());
    }

    @Bean
    AgentTurn agentTurn(BosunProperties properties, Roster roster, MemberActivity activity, Redactor redactor) {
        UnaryOperator<OutputStream> logRedaction = redactor::redacting;
        Map<String, AgentTurn> byKindAndModel = new HashMap<>();
        Map<String, AgentTurn> byMember = new LinkedHashMap<>();
        for (Member member : roster.members()) {
            String kind = member.role().agent().yamlName();
            String model = member.role().model();
            byMember.put(member.name(), byKindAndModel.computeIfAbsent(kind + "\n" + model,
                    key -> agentFor(kind, model, properties.agent().command(), logRedaction)));
        }
        String kind = properties.agent().kind() == null ? "" : properties.agent().kind().strip();
        return new MemberAgents(byMember, agentFor(kind, null, properties.agent().command(), logRedaction), activity,
                redactor::redact);
    }

    private static AgentTurn agentFor(String kind, String model, List<String> command,
                                      UnaryOperator<OutputStream> logRedaction) {
        switch (kind) {
            case "script":
                return new ScriptAgent(logRedaction);
            case "command":
                return new CommandAgent(command, null, logRedaction);
            case "claude", "codex", "gemini", "opencode", "aider":
                return new CommandAgent(AgentCommands.template(kind, model), AgentCommands.resume(kind), logRedaction);
            default:
                throw new IllegalStateException("bosun.agent.kind is '" + kind + "'; allowed values: " + KINDS);
        }
    }
}
