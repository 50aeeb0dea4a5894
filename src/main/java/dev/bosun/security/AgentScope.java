package dev.bosun.security;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What an agent's token may do under {@code /api}: add tasks, send messages (as itself), and
 * read the status, the board, the tasks, the plans, its own inbox, the members and its own log.
 * Starting, cancelling and deciding plans is for people. Anything
 * not listed (decide, merge, assign, another member's log or inbox, ...) is refused: a list of
 * what is allowed, so an endpoint added later is closed to agents until it is added here.
 */
final class AgentScope {

    private static final Pattern TASK = Pattern.compile("/api/tasks/[^/]+");
    private static final Pattern PLAN = Pattern.compile("/api/plans/[^/]+");
    private static final Pattern MESSAGE = Pattern.compile("/api/messages/[^/]+");

    private AgentScope() {}

    /**
     * @param path           the decoded path within the application
     * @param memberParameter every value of the query parameter {@code member}
     */
    static boolean allows(String member, String method, String path, List<String> memberParameter) {
        String own = "/api/members/" + member;
        return switch (method) {
            case "POST" -> path.equals("/api/tasks") || path.equals("/api/messages");
            case "GET", "HEAD" ->
                path.equals("/api/status")
                        || path.equals("/api/board")
                        || path.equals("/api/tasks")
                        || TASK.matcher(path).matches()
                        || path.equals("/api/plans")
                        || PLAN.matcher(path).matches()
                        || path.equals("/api/messages") && memberParameter.equals(List.of(member))
                        || MESSAGE.matcher(path).matches()
                        || path.equals("/api/members")
                        || path.equals(own)
                        || path.equals(own + "/log");
            default -> false;
        };
    }
}
