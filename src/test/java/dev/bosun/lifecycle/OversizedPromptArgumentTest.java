package dev.bosun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.bosun.board.TaskSummary;
import dev.bosun.process.ProcessIds;

/**
 * A {@code command} agent that takes the prompt as one argument cannot take 180 KB: the turn is
 * refused before anything runs, as an incident that says why and what to change, not an exit 127
 * with no output that made the engineer fail and the task escalate.
 */
@SpringBootTest(
        properties = {
            "bosun.agent.kind=command",
            // if this ever ran, it would commit ran.txt
            "bosun.agent.command=sh,-c,echo ran > ran.txt && git add ran.txt && git commit -qm ran,sh,{prompt}",
            "bosun.engineers=1",
            "bosun.worker.poll-interval=100ms"
        })
class OversizedPromptArgumentTest extends LifecycleTestSupport {

    @Test
    void aPromptArgumentTooLongForLinuxIsAnIncidentNamingTheFixAndTheEngineerIsNotBlamed() {
        String id = start("Wide", "中".repeat(60_000));

        TaskSummary stuck = awaitStatus(id, "incident");
        assertThat(stuck.reason())
                .startsWith(ProcessIds.TASK_CODE_TURN + ": ")
                .contains("bytes (UTF-8)", "limit of 100000 bytes", "{prompt_file}", "$BOSUN_PROMPT_FILE");
        assertThat(escalation(id))
                .as("no escalation: the engineer did nothing wrong")
                .isNull();
        assertThat(repository.root().resolve(".bosun/worktrees/eng-1/ran.txt")).doesNotExist();
    }
}
