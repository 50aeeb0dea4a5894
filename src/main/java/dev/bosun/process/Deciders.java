package dev.bosun.process;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Comment;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.bosun.audit.TaskDecision;
import dev.bosun.security.Redactor;

/**
 * Who decided a user task that is being completed, and with what words, whatever the channel:
 *
 * <ul>
 *   <li>Bosun's API and CLI, which complete the task with no one logged in to the engine, pass
 *       {@link ProcessVariables#DECIDER_NAME} and
 *       {@link ProcessVariables#DECIDER_VIA} as transient variables (the engine does not know
 *       their caller);
 *   <li>Tasklist and /engine-rest complete the task as the engine's authenticated user (the
 *       webapp's login; /engine-rest runs as the admin); the HTTP request's path tells the two
 *       apart;
 *   <li>anything else (Bosun's own engine calls, a test) has no one logged in: {@code unknown}.
 * </ul>
 *
 * Comments are those written on the user task (Tasklist's comment box: TaskService comments), in
 * the order written, each under its author when that is someone else than the decider. Every text
 * is redacted of known secrets, as everything else that reaches the record.
 */
@Component
class Deciders {

    static final String UNKNOWN = "unknown";

    private final Redactor redactor;

    Deciders(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The decision {@code decision} on {@code task} as it is being completed; its round is set when recorded. */
    TaskDecision decisionOn(DelegateTask task, String decision, Instant at) {
        // Someone logged in to the engine is who decided: Tasklist's form may submit any variable,
        // so a name among them counts only where no one is logged in (Bosun's own API).
        String authenticated = authenticatedUser(task);
        String named = text(task.getVariable(ProcessVariables.DECIDER_NAME));
        String by = authenticated != null ? authenticated : named != null ? named : UNKNOWN;
        String via = authenticated != null || named == null
                ? channelOfRequest()
                : Objects.requireNonNullElse(text(task.getVariable(ProcessVariables.DECIDER_VIA)), "api");
        // used up: a name a form stored must neither outlive this round nor block the API's
        // transient name in the next one (a transient variable may not replace a stored one)
        task.removeVariable(ProcessVariables.DECIDER_NAME);
        task.removeVariable(ProcessVariables.DECIDER_VIA);
        return new TaskDecision(
                0,
                decision,
                by,
                via,
                at,
                redacted(TextValues.read(task.getVariable(ProcessVariables.GUIDANCE))),
                redacted(comments(task, by)),
                redacted(TextValues.read(task.getVariable(ProcessVariables.DECISION_REASON))));
    }

    private static @Nullable String authenticatedUser(DelegateTask task) {
        Authentication current =
                task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current == null ? null : text(current.getUserId());
    }

    /** Spring's request context holds the HTTP request the completion runs in, if any. */
    private static String channelOfRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return "engine";
        }
        String path = servlet.getRequest().getRequestURI();
        String context = servlet.getRequest().getContextPath();
        String inApp = path.startsWith(context) ? path.substring(context.length()) : path;
        if (inApp.startsWith("/engine-rest")) {
            return "engine-rest";
        }
        if (inApp.startsWith("/camunda/")) {
            return "tasklist";
        }
        return inApp.startsWith("/api") ? "api" : "engine";
    }

    private static @Nullable String comments(DelegateTask task, String decider) {
        List<Comment> comments =
                task.getProcessEngineServices().getTaskService().getTaskComments(task.getId());
        if (comments.isEmpty()) {
            return null;
        }
        return comments.stream()
                .sorted((a, b) -> a.getTime().compareTo(b.getTime()))
                .map(c -> decider.equals(c.getUserId()) || c.getUserId() == null
                        ? c.getFullMessage()
                        : c.getUserId() + ": " + c.getFullMessage())
                .collect(Collectors.joining("\n"));
    }

    private @Nullable String redacted(@Nullable String text) {
        return text == null || text.isBlank() ? null : redactor.redact(text);
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
