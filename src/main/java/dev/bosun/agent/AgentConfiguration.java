package dev.bosun.agent;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bosun.BosunProperties;
import dev.bosun.events.EventLog;
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
    AgentTurn agentTurn(BosunProperties properties, Roster roster, MemberActivity activity) {
        Map<String, AgentTurn> byKindAndModel = new HashMap<>();
        Map<String, AgentTurn> byMember = new LinkedHashMap<>();
        for (Member member : roster.members()) {
            String kind = member.role().agent().yamlName();
            String model = member.role().model();
            byMember.put(member.name(), byKindAndModel.computeIfAbsent(kind + "\n" + model,
                    key -> agentFor(kind, model, properties.agent().command())));
        }
        String kind = properties.agent().kind() == null ? "" : properties.agent().kind().strip();
        return new MemberAgents(byMember, agentFor(kind, null, properties.agent().command()), activity);
    }

    private static AgentTurn agentFor(String kind, String model, List<String> command) {
        switch (kind) {
            case "script":
                return new ScriptAgent();
            case "command":
                return new CommandAgent(command);
            case "claude", "codex", "gemini", "opencode", "aider":
                return new CommandAgent(AgentCommands.template(kind, model), AgentCommands.resume(kind));
            default:
                throw new IllegalStateException("bosun.agent.kind is '" + kind + "'; allowed values: " + KINDS);
        }
    }
}
