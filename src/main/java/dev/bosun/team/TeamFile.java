package dev.bosun.team;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Loads {@code team.yaml} strictly: every unknown field, wrong type or dangling reference is a
 * {@link Problem} with the line and column it starts at, and all problems found are reported together.
 * Stateless and thread-safe.
 */
public final class TeamFile {

    /** The field name used for problems with the document as a whole. */
    static final String DOCUMENT = "(file)";

    static final Pattern TEAM_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    static final List<String> TEAM_FIELDS = List.of(
            "name",
            "trunk",
            "agent",
            "test_command",
            "test_timeout",
            "max_retries",
            "merge_lock_timeout",
            "stall_timeout",
            "plan_approval",
            "max_replans",
            "protected_paths",
            "budget",
            "roles");
    static final List<String> ROLE_FIELDS = List.of(
            "name",
            "role_type",
            "agent",
            "command",
            "model",
            "instances",
            "prompt",
            "talks_to",
            "use_worktrees",
            "env");
    static final List<String> BUDGET_FIELDS = List.of("task_usd", "task_tokens", "plan_usd", "plan_tokens");

    /**
     * The most members one role may have: a team is a handful of agents per manager, and a
     * larger number was a typo that made {@code bosun validate} build millions of members.
     */
    public static final int MAX_INSTANCES = 100;

    static final String DEFAULT_TRUNK = "main";
    static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofMinutes(10);
    static final int DEFAULT_MAX_RETRIES = 2;
    static final Duration DEFAULT_MERGE_LOCK_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofMinutes(5);
    // the same defaults as BosunProperties.Plan: the team file writes every setting it knows, set or not
    static final boolean DEFAULT_PLAN_APPROVAL = false;
    static final int DEFAULT_MAX_REPLANS = 2;

    private TeamFile() {}

    /**
     * Reads and validates a team file; prompts are looked up in {@code prompts/} next to it.
     *
     * @throws TeamFileException with every problem found, when the file is unreadable or invalid
     */
    public static Team load(Path teamYaml) {
        List<YamlTree.ReadProblem> readProblems = new ArrayList<>();
        YamlTree tree;
        try (Reader reader = Files.newBufferedReader(teamYaml, StandardCharsets.UTF_8)) {
            tree = YamlTree.read(reader, readProblems);
        } catch (NoSuchFileException e) {
            throw new TeamFileException(List.of(new Problem(teamYaml, 0, 0, DOCUMENT, "file not found")));
        } catch (IOException e) {
            throw new TeamFileException(
                    List.of(new Problem(teamYaml, 0, 0, DOCUMENT, "cannot read: " + e.getMessage())));
        }
        if (tree == null) {
            throw new TeamFileException(readProblems.stream()
                    .map(p -> new Problem(
                            teamYaml, p.position().line(), p.position().column(), p.field(), p.message()))
                    .toList());
        }
        Path prompts = teamYaml.toAbsolutePath().getParent().resolve("prompts");
        return new Validation(teamYaml, tree, prompts).team();
    }

    /**
     * A problem about a setting of a team file that {@link #load} accepted, found by a later check
     * (the trunk branch, the test command's program, an agent's binary): positioned where the value
     * at the first of {@code locationPaths} the file has starts, such as {@code roles[1].agent} and
     * then {@code agent}; line 0 when the file cannot be read again or has none of them.
     */
    public static Problem problemAt(Path teamYaml, List<String> locationPaths, String field, String message) {
        YamlTree tree;
        try (Reader reader = Files.newBufferedReader(teamYaml, StandardCharsets.UTF_8)) {
            tree = YamlTree.read(reader, new ArrayList<>());
        } catch (IOException e) {
            tree = null;
        }
        if (tree != null) {
            for (String path : locationPaths) {
                if (tree.has(path)) {
                    YamlTree.Position at = tree.valueAt(path);
                    return new Problem(teamYaml, at.line(), at.column(), field, message);
                }
            }
        }
        return new Problem(teamYaml, 0, 0, field, message);
    }

    private static final class Validation {
        private final Path file;
        private final YamlTree tree;
        private final Path prompts;
        private final List<Problem> problems = new ArrayList<>();

        Validation(Path file, YamlTree tree, Path prompts) {
            this.file = file;
            this.tree = tree;
            this.prompts = prompts.normalize();
        }

        Team team() {
            if (!(tree.root instanceof ObjectNode root)) {
                problem("", DOCUMENT, "expected a mapping of team settings, got " + describe(tree.root));
                throw failure();
            }
            unknownFields(root, "", TEAM_FIELDS);
            String name = text(root, "", "name", true).orElse(null);
            if (name != null && !TEAM_NAME.matcher(name).matches()) {
                problem(
                        "name",
                        "name",
                        "'" + name + "' is not a valid team name: use lowercase letters, digits and"
                                + " dashes, starting with a letter or digit");
            }
            String trunk = text(root, "", "trunk", false).orElse(DEFAULT_TRUNK);
            if (trunk.isBlank() || trunk.chars().anyMatch(Character::isWhitespace)) {
                problem("trunk", "trunk", "expected a branch name, got '" + trunk + "'");
            }
            AgentKind agent = agentKind(root, "").orElse(null);
            List<String> testCommand =
                    stringList(root, "", "test_command", true).orElse(List.of());
            if (root.has("test_command")
                    && root.get("test_command").isArray()
                    && root.get("test_command").isEmpty()) {
                problem("test_command", "test_command", "expected a non-empty list of strings (the command's argv)");
            }
            Duration testTimeout = duration(root, "", "test_timeout").orElse(DEFAULT_TEST_TIMEOUT);
            int maxRetries = integer(root, "", "max_retries", 0).orElse(DEFAULT_MAX_RETRIES);
            Duration mergeLock = duration(root, "", "merge_lock_timeout").orElse(DEFAULT_MERGE_LOCK_TIMEOUT);
            Duration stall = duration(root, "", "stall_timeout").orElse(DEFAULT_STALL_TIMEOUT);
            boolean planApproval = bool(root, "", "plan_approval").orElse(DEFAULT_PLAN_APPROVAL);
            int maxReplans = integer(root, "", "max_replans", 0).orElse(DEFAULT_MAX_REPLANS);
            List<String> protectedPaths = protectedPaths(root);
            Budget budget = budget(root);
            List<Role> roles = roles(root, agent, root.has("agent"));
            if (!problems.isEmpty()) {
                throw failure();
            }
            Team team = new Team(
                    name,
                    trunk,
                    agent,
                    testCommand,
                    testTimeout,
                    maxRetries,
                    mergeLock,
                    stall,
                    planApproval,
                    maxReplans,
                    protectedPaths,
                    budget,
                    roles);
            memberNamesUnique(team);
            if (!problems.isEmpty()) {
                throw failure();
            }
            return team;
        }

        /** Glob patterns relative to the repository root; each must compile and stay inside it. */
        private List<String> protectedPaths(ObjectNode root) {
            List<String> patterns =
                    stringList(root, "", "protected_paths", false).orElse(List.of());
            List<String> valid = new ArrayList<>();
            for (int i = 0; i < patterns.size(); i++) {
                String pattern = patterns.get(i);
                String at = "protected_paths[" + i + "]";
                String expected =
                        "a glob pattern relative to the repository root, such as src/test/** or" + " check.sh";
                if (pattern.isBlank()
                        || pattern.startsWith("/")
                        || pattern.equals("..")
                        || pattern.startsWith("../")
                        || pattern.contains("/../")
                        || pattern.endsWith("/..")) {
                    problem(at, at, "expected " + expected + ", got '" + pattern + "'");
                    continue;
                }
                try {
                    java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern);
                    valid.add(pattern);
                } catch (java.util.regex.PatternSyntaxException e) {
                    problem(at, at, "'" + pattern + "' is not a valid glob pattern: " + e.getDescription());
                }
            }
            return valid;
        }

        /** {@code budget}: a mapping of positive limits, each optional; {@link Budget#NONE} without one. */
        private Budget budget(ObjectNode root) {
            JsonNode node = root.get("budget");
            if (node == null) {
                return Budget.NONE;
            }
            if (!(node instanceof ObjectNode budget)) {
                problem(
                        "budget",
                        "budget",
                        "expected a mapping of limits (" + String.join(", ", BUDGET_FIELDS) + "), got "
                                + describe(node));
                return Budget.NONE;
            }
            unknownFields(budget, "budget", BUDGET_FIELDS);
            return new Budget(
                    usd(budget, "task_usd").orElse(null),
                    tokens(budget, "task_tokens").orElse(null),
                    usd(budget, "plan_usd").orElse(null),
                    tokens(budget, "plan_tokens").orElse(null));
        }

        private Optional<BigDecimal> usd(ObjectNode budget, String field) {
            return field(
                            budget,
                            "budget",
                            field,
                            false,
                            JsonNode::isNumber,
                            "a number of US dollars, such as 5 or 2.50")
                    .map(JsonNode::decimalValue)
                    .filter(value -> positive(field, value.signum() > 0, value.toPlainString()));
        }

        private Optional<Long> tokens(ObjectNode budget, String field) {
            String at = "budget." + field;
            return field(
                            budget,
                            "budget",
                            field,
                            false,
                            JsonNode::isIntegralNumber,
                            "a whole number of tokens, such as 200000")
                    .filter(node -> {
                        if (!node.canConvertToLong()) {
                            problem(at, at, "must be at most " + Long.MAX_VALUE + ", got " + node.asText());
                            return false;
                        }
                        return true;
                    })
                    .map(JsonNode::longValue)
                    .filter(value -> positive(field, value > 0, Long.toString(value)));
        }

        private boolean positive(String field, boolean positive, String value) {
            if (!positive) {
                String at = "budget." + field;
                problem(at, at, "must be more than 0, got " + value + " (leave the limit out for none)");
            }
            return positive;
        }

        private List<Role> roles(ObjectNode root, AgentKind teamAgent, boolean teamAgentSet) {
            JsonNode node = root.get("roles");
            if (node == null) {
                problem("", "roles", "required field is missing: the team needs at least one role");
                return List.of();
            }
            if (!node.isArray()) {
                problem("roles", "roles", "expected a list of roles, got " + describe(node));
                return List.of();
            }
            if (node.isEmpty()) {
                problem("roles", "roles", "the team needs at least one role");
                return List.of();
            }
            List<Role> roles = new ArrayList<>();
            Map<String, String> namePaths = new HashMap<>();
            Map<String, JsonNode> talksToNodes = new LinkedHashMap<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "roles[" + i + "]";
                JsonNode item = node.get(i);
                if (!(item instanceof ObjectNode role)) {
                    problem(path, path, "expected a role mapping (name, role_type, ...), got " + describe(item));
                    continue;
                }
                role(role, path, teamAgent, teamAgentSet, namePaths).ifPresent(roles::add);
                talksToNodes.put(path, role);
            }
            // talks_to may name a role defined further down, so it is checked once every name is known;
            // its type was checked with the rest of the role
            talksToNodes.forEach((path, role) -> {
                JsonNode targets = role.get("talks_to");
                Set<String> seen = new java.util.HashSet<>();
                for (int t = 0; targets != null && targets.isArray() && t < targets.size(); t++) {
                    JsonNode target = targets.get(t);
                    String at = path + ".talks_to[" + t + "]";
                    if (!target.isTextual()) {
                        continue;
                    }
                    if (!namePaths.containsKey(target.textValue())) {
                        problem(
                                at,
                                at,
                                "unknown role '" + target.textValue() + "'; roles defined in this file: "
                                        + String.join(
                                                ", ",
                                                namePaths.keySet().stream()
                                                        .sorted()
                                                        .toList()));
                    } else if (!seen.add(target.textValue())) {
                        problem(at, at, "role '" + target.textValue() + "' is listed twice");
                    }
                }
            });
            return roles;
        }

        private Optional<Role> role(
                ObjectNode role,
                String path,
                AgentKind teamAgent,
                boolean teamAgentSet,
                Map<String, String> namePaths) {
            int before = problems.size();
            unknownFields(role, path, ROLE_FIELDS);
            String name = text(role, path, "name", true).orElse(null);
            String namePath = YamlTree.child(path, "name");
            if (name != null) {
                if (!ROLE_NAME.matcher(name).matches()) {
                    problem(
                            namePath,
                            namePath,
                            "'" + name + "' is not a valid role name: use lowercase letters,"
                                    + " digits and dashes, starting with a letter");
                } else if (Team.HUMAN.equals(name)) {
                    problem(namePath, namePath, "'" + Team.HUMAN + "' is reserved for the person at the keyboard");
                } else if (namePaths.containsKey(name)) {
                    problem(
                            namePath,
                            namePath,
                            "duplicate role name '" + name + "': already defined at line "
                                    + tree.valueAt(namePaths.get(name)).line());
                } else {
                    namePaths.put(name, namePath);
                }
            }
            Optional<RoleType> type = text(role, path, "role_type", true).flatMap(t -> {
                Optional<RoleType> parsed = RoleType.fromYaml(t);
                if (parsed.isEmpty()) {
                    String at = YamlTree.child(path, "role_type");
                    problem(at, at, "unknown role_type '" + t + "'; allowed: " + RoleType.allowed());
                }
                return parsed;
            });
            Optional<AgentKind> agent = agentKind(role, path);
            if (!teamAgentSet && !role.has("agent")) {
                String at = YamlTree.child(path, "agent");
                problem(
                        path,
                        at,
                        "no agent kind: set agent on this role or at the top of the file; allowed: "
                                + AgentKind.allowed());
            }
            List<String> command = command(role, path, role.has("agent") ? agent.orElse(null) : teamAgent);
            String model = text(role, path, "model", false).orElse(null);
            int instances = integer(role, path, "instances", 1)
                    .filter(value -> {
                        if (value > MAX_INSTANCES) {
                            String at = YamlTree.child(path, "instances");
                            problem(at, at, "must be at most " + MAX_INSTANCES + ", got " + value);
                            return false;
                        }
                        return true;
                    })
                    .orElse(1);
            Path prompt = prompt(role, path);
            List<String> talksTo = stringList(role, path, "talks_to", false).orElse(List.of());
            Optional<Boolean> worktrees = bool(role, path, "use_worktrees");
            Map<String, String> env = env(role, path);
            if (problems.size() > before || type.isEmpty() || agent.isEmpty() && teamAgent == null) {
                return Optional.empty();
            }
            return Optional.of(new Role(
                    name,
                    type.get(),
                    agent.orElse(teamAgent),
                    model,
                    instances,
                    prompt,
                    talksTo,
                    worktrees.orElse(type.get() == RoleType.ENGINEER),
                    env,
                    command));
        }

        /**
         * A role's own argv for agent kind {@code command}: a non-empty list of strings whose first
         * names the program, placeholders where {@link CommandTemplate} allows them.
         *
         * @param agent the role's agent kind (its own or the team's), null when it has none or an unknown one
         */
        private List<String> command(ObjectNode role, String path, @Nullable AgentKind agent) {
            JsonNode node = role.get("command");
            if (node == null) {
                return List.of();
            }
            String at = YamlTree.child(path, "command");
            if (agent != null && agent != AgentKind.COMMAND) {
                problem(
                        at,
                        at,
                        "only a role whose agent is 'command' sets a command; this role's agent is '" + agent.yamlName()
                                + "' (set agent: command on the role, or remove command)");
                return List.of();
            }
            String expected =
                    "a non-empty list of strings (the agent's argv, such as [my-agent, --prompt, \"{prompt}\"])";
            if (!node.isArray() || node.isEmpty()) {
                problem(at, at, "expected " + expected + ", got " + describe(node));
                return List.of();
            }
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String itemAt = at + "[" + i + "]";
                if (!item.isTextual()) {
                    problem(itemAt, itemAt, "expected a string, got " + describe(item) + unquotedPlaceholder(item));
                    continue;
                }
                String element = item.textValue();
                if (i == 0 && element.isBlank()) {
                    problem(itemAt, itemAt, "expected the program to run, got an empty string");
                    continue;
                }
                Optional<String> misplaced = CommandTemplate.misplacedPlaceholder(element);
                if (misplaced.isPresent()) {
                    String placeholder = misplaced.get();
                    problem(
                            itemAt,
                            itemAt,
                            "'" + element + "' contains " + placeholder + " inside a longer string, which would let"
                                    + " task text be read as shell code; pass \"" + placeholder
                                    + "\" as its own element (or as \"--option=" + placeholder + "\")");
                    continue;
                }
                argv.add(element);
            }
            return argv.size() == node.size() ? argv : List.of();
        }

        /** YAML reads an unquoted {@code {prompt}} as a mapping: say so, since that is the usual cause. */
        private static String unquotedPlaceholder(JsonNode item) {
            if (item instanceof ObjectNode object && object.size() == 1) {
                String key = object.fieldNames().next();
                String placeholder = "{" + key + "}";
                if ((placeholder.equals(CommandTemplate.PROMPT) || placeholder.equals(CommandTemplate.PROMPT_FILE))
                        && object.get(key).isNull()) {
                    return " (YAML reads an unquoted " + placeholder + " as a mapping: quote it, \"" + placeholder
                            + "\")";
                }
            }
            return "";
        }

        private @Nullable Path prompt(ObjectNode role, String path) {
            Optional<String> value = text(role, path, "prompt", false);
            if (value.isEmpty()) {
                return null;
            }
            String at = YamlTree.child(path, "prompt");
            Path resolved = prompts.resolve(value.get()).normalize();
            if (value.get().isBlank() || Path.of(value.get()).isAbsolute() || !resolved.startsWith(prompts)) {
                problem(at, at, "expected a file name inside " + prompts + ", got '" + value.get() + "'");
                return null;
            }
            if (!Files.isRegularFile(resolved)) {
                problem(at, at, "prompt file not found: " + resolved);
                return null;
            }
            return resolved;
        }

        private Map<String, String> env(ObjectNode role, String path) {
            JsonNode node = role.get("env");
            String at = YamlTree.child(path, "env");
            if (node == null) {
                return Map.of();
            }
            if (!node.isObject()) {
                problem(at, at, "expected a mapping of environment variable names to strings, got " + describe(node));
                return Map.of();
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String varPath = at + "." + entry.getKey();
                if (!ENV_NAME.matcher(entry.getKey()).matches()) {
                    problemAtKey(varPath, "'" + entry.getKey() + "' is not a valid environment variable name");
                }
                if (!entry.getValue().isTextual()) {
                    problem(
                            varPath,
                            varPath,
                            "expected a string, got " + describe(entry.getValue()) + " (quote it: \""
                                    + entry.getValue().asText() + "\")");
                    continue;
                }
                env.put(entry.getKey(), entry.getValue().textValue());
            }
            return env;
        }

        private void memberNamesUnique(Team team) {
            Map<String, Role> seen = new HashMap<>();
            for (Member member : team.members()) {
                Role first = seen.putIfAbsent(member.name(), member.role());
                if (first != null) {
                    int index = team.roles().indexOf(member.role());
                    String at = "roles[" + index + "].name";
                    problem(
                            at,
                            at,
                            "member name '" + member.name() + "' is also a member of role '" + first.name()
                                    + "'; rename one of the roles");
                }
            }
        }

        private Optional<AgentKind> agentKind(ObjectNode object, String path) {
            return text(object, path, "agent", false).flatMap(text -> {
                Optional<AgentKind> kind = AgentKind.fromYaml(text);
                if (kind.isEmpty()) {
                    String at = YamlTree.child(path, "agent");
                    problem(at, at, "unknown agent kind '" + text + "'; allowed: " + AgentKind.allowed());
                }
                return kind;
            });
        }

        private void unknownFields(ObjectNode object, String path, List<String> allowed) {
            Set<String> known = Set.copyOf(allowed);
            object.fieldNames().forEachRemaining(field -> {
                if (!known.contains(field)) {
                    problemAtKey(
                            YamlTree.child(path, field),
                            "unknown field '" + field + "'; allowed fields: " + String.join(", ", allowed));
                }
            });
        }

        /** The field's value if present and of the expected kind; a problem if missing but required, or mistyped. */
        private Optional<JsonNode> field(
                ObjectNode object,
                String path,
                String field,
                boolean required,
                Function<JsonNode, Boolean> ok,
                String expected) {
            JsonNode node = object.get(field);
            String at = YamlTree.child(path, field);
            if (node == null) {
                if (required) {
                    problem(path, at, "required field is missing");
                }
                return Optional.empty();
            }
            if (!ok.apply(node)) {
                problem(at, at, "expected " + expected + ", got " + describe(node));
                return Optional.empty();
            }
            return Optional.of(node);
        }

        private Optional<String> text(ObjectNode object, String path, String field, boolean required) {
            return field(object, path, field, required, JsonNode::isTextual, "a string")
                    .map(JsonNode::textValue);
        }

        private Optional<Boolean> bool(ObjectNode object, String path, String field) {
            return field(object, path, field, false, JsonNode::isBoolean, "true or false")
                    .map(JsonNode::booleanValue);
        }

        private Optional<Integer> integer(ObjectNode object, String path, String field, int min) {
            return field(object, path, field, false, n -> n.isIntegralNumber() && n.canConvertToInt(), "a whole number")
                    .map(JsonNode::intValue)
                    .filter(value -> {
                        if (value < min) {
                            String at = YamlTree.child(path, field);
                            problem(at, at, "must be at least " + min + ", got " + value);
                            return false;
                        }
                        return true;
                    });
        }

        private Optional<List<String>> stringList(ObjectNode object, String path, String field, boolean required) {
            return field(object, path, field, required, JsonNode::isArray, "a list of strings")
                    .flatMap(node -> {
                        List<String> values = new ArrayList<>();
                        boolean ok = true;
                        for (int i = 0; i < node.size(); i++) {
                            JsonNode item = node.get(i);
                            if (!item.isTextual()) {
                                String at = YamlTree.child(path, field) + "[" + i + "]";
                                problem(at, at, "expected a list of strings, got " + describe(item) + " here");
                                ok = false;
                            } else {
                                values.add(item.textValue());
                            }
                        }
                        return ok ? Optional.of(values) : Optional.empty();
                    });
        }

        private Optional<Duration> duration(ObjectNode object, String path, String field) {
            String at = YamlTree.child(path, field);
            String expected = "a duration such as 500ms, 30s, 10m or 1h";
            return field(object, path, field, false, JsonNode::isTextual, expected)
                    .flatMap(node -> {
                        Matcher m = DURATION.matcher(node.textValue().trim());
                        Duration parsed = null;
                        if (m.matches()) {
                            try {
                                long amount = Long.parseLong(m.group(1));
                                parsed = switch (m.group(2)) {
                                    case "ms" -> Duration.ofMillis(amount);
                                    case "s" -> Duration.ofSeconds(amount);
                                    case "m" -> Duration.ofMinutes(amount);
                                    default -> Duration.ofHours(amount);
                                };
                            } catch (NumberFormatException | ArithmeticException e) {
                                parsed = null;
                            }
                        }
                        if (parsed == null || parsed.isZero()) {
                            problem(
                                    at,
                                    at,
                                    "expected " + expected + " (more than zero), got '" + node.textValue() + "'");
                            return Optional.empty();
                        }
                        return Optional.of(parsed);
                    });
        }

        /** A problem about {@code field}, positioned where the value at {@code locationPath} starts. */
        private void problem(String locationPath, String field, String message) {
            YamlTree.Position at = tree.valueAt(locationPath);
            problems.add(new Problem(file, at.line(), at.column(), field.isEmpty() ? DOCUMENT : field, message));
        }

        private void problemAtKey(String field, String message) {
            YamlTree.Position at = tree.keyAt(field);
            problems.add(new Problem(file, at.line(), at.column(), field, message));
        }

        private TeamFileException failure() {
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            return new TeamFileException(sorted);
        }

        private static String describe(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return "nothing (an empty value)";
            }
            if (node.isTextual()) {
                return "a string";
            }
            if (node.isNumber()) {
                return "a number";
            }
            if (node.isBoolean()) {
                return "a boolean";
            }
            if (node.isArray()) {
                return "a list";
            }
            if (node.isObject()) {
                return "a mapping";
            }
            return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
