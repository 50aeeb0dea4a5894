package dev.bosun.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.bosun.agent.AgentAnswer;
import dev.bosun.agent.AgentTurn;
import dev.bosun.agent.MemberBriefing;
import dev.bosun.agent.TaskPrompts;
import dev.bosun.agent.TurnResult;
import dev.bosun.workspace.Worktree;
import dev.bosun.workspace.Worktrees;

/**
 * Task_ManagerReview: one turn of the task's reviewing manager ({@link ManagerReviews}) in the engineer's worktree; its answer
 * becomes the guidance of one more round.
 */
@Component
class ManagerReviewWorker implements TopicWorker {

    private final Worktrees worktrees;
    private final AgentTurn agent;
    private final MemberBriefing briefing;
    private final ManagerReviews reviews;

    ManagerReviewWorker(Worktrees worktrees, AgentTurn agent, MemberBriefing briefing, ManagerReviews reviews) {
        this.reviews = reviews;
        this.worktrees = worktrees;
        this.agent = agent;
        this.briefing = briefing;
    }

    @Override
    public String topic() {
        return ProcessIds.TOPIC_MANAGER_REVIEW;
    }

    @Override
    public WorkResult work(WorkItem item) {
        String engineer = item.string(ProcessVariables.MEMBER);
        String reviewer = reviews.reviewer(TaskVariables.of(item.variables(), "Task_ManagerReview"));
        if (reviewer == null) {
            throw new IllegalStateException("the task's manager, or " + engineer
                    + "'s, is no manager in team.yaml any more; decide the task in Tasklist");
        }
        String taskId = item.string(ProcessVariables.TASK_ID);
        int attempt = item.integer(ProcessVariables.ATTEMPT);
        Worktree worktree = TaskWorktrees.prepare(worktrees, item);
        String prompt = TaskPrompts.managerReview(
                taskId,
                item.string(ProcessVariables.TITLE),
                item.string(ProcessVariables.BODY),
                engineer,
                attempt,
                item.stringOr(ProcessVariables.FAILURE_REASON, "(no reason recorded)"),
                item.stringOr(ProcessVariables.LAST_OUTPUT, ""));
        TurnResult turn = agent.run(briefing.turn(reviewer, taskId, attempt, worktree.path(), prompt, null));
        String guidance = TextValues.head(AgentAnswer.of(turn.outputTail()));
        return WorkResult.complete(Map.of(
                ProcessVariables.GUIDANCE, guidance,
                ProcessVariables.GUIDANCE_FROM, reviewer,
                ProcessVariables.REVIEWED_BY, reviewer));
    }
}
