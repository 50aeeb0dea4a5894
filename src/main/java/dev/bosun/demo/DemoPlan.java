package dev.bosun.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.bosun.process.NewPlan;
import dev.bosun.team.Team;

/**
 * The demo's plan: the architect (the script agent) adds three tasks with the real
 * {@code bosun task add}, the third depending on the other two, so the demo shows a plan from
 * planning to done. The engineers' task bodies are files of the sample repository
 * ({@value #BODIES}): a fenced block inside the architect's own script would end it.
 */
final class DemoPlan {

    static final String BODIES = "plans";

    private DemoPlan() {}

    static NewPlan plan() {
        return new NewPlan("""
                Document the project for contributors: a glossary, a changelog, and links to both \
                from the index.

                The demo's architect is the built-in script agent, so it plans by following this script:

                ```bosun-script
                run sh -c "g=$(bosun task add --title 'Write the glossary' --body-file plans/glossary.md | cut -d' ' -f3) && c=$(bosun task add --title 'Write the changelog' --body-file plans/changelog.md | cut -d' ' -f3) && bosun task add --title 'Link the guides from the index' --body-file plans/index-links.md --depends-on $g $c"
                say Planned: two guides, then the index links them.
                ```
                """, "Document the project for contributors", false, Team.HUMAN);
    }

    /** File name to body: what each task's engineer does. */
    static Map<String, String> taskBodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("glossary.md", """
                Add docs/glossary.md with the project's terms.

                ```bosun-script
                write docs/glossary.md <<EOF
                # Glossary

                - guide: a page under docs/ with a title.
                EOF
                commit Add the glossary
                ```
                """);
        bodies.put("changelog.md", """
                Add docs/changelog.md.

                ```bosun-script
                write docs/changelog.md <<EOF
                # Changelog

                - First release of the guides.
                EOF
                commit Add the changelog
                ```
                """);
        bodies.put("index-links.md", """
                Link the glossary and the changelog from docs/index.md. Both are merged before this
                task starts, so they are in the worktree.

                ```bosun-script
                run sh -c "test -f docs/glossary.md && test -f docs/changelog.md"
                append docs/index.md <<EOF

                See the [glossary](glossary.md) and the [changelog](changelog.md).
                EOF
                commit Link the glossary and the changelog from the index
                ```
                """);
        return bodies;
    }
}
