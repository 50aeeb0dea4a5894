package dev.bosun.demo;

import java.util.List;

import dev.bosun.process.NewTask;
import dev.bosun.process.TaskPriority;

/**
 * Three tasks that show the whole lifecycle with the built-in script agent: one merges at once,
 * one is red, gets the failing output back and merges after one fix, one stays red and is
 * escalated to a human in Tasklist.
 */
final class DemoTasks {

    private DemoTasks() {}

    static List<NewTask> all() {
        return List.of(
                new NewTask("Write the installation guide", """
                        Add docs/install.md explaining how to install the project.

                        ```bosun-script
                        write docs/install.md <<EOF
                        # Installation

                        Clone the repository and run `sh test.sh`.
                        EOF
                        commit Add the installation guide
                        ```
                        """, TaskPriority.HIGH),
                new NewTask("Write the usage guide", """
                        Add docs/usage.md. The first draft leaves a marker the tests catch; the fix turn,
                        which receives the failing output, finishes the guide.

                        ```bosun-script
                        attempt 1
                        write docs/usage.md <<EOF
                        # Usage

                        FIXME: describe the commands
                        EOF
                        commit Draft the usage guide
                        attempt 2+
                        write docs/usage.md <<EOF
                        # Usage

                        Run `sh test.sh` before every commit.
                        EOF
                        commit Finish the usage guide
                        ```
                        """, TaskPriority.NORMAL),
                new NewTask("Write the FAQ", """
                        Add docs/faq.md. This engineer never finishes it, so after three red test runs
                        the task escalates: decide in Tasklist (retry with guidance, abandon, or merge).

                        ```bosun-script
                        append docs/faq.md <<EOF
                        FIXME: questions go here
                        EOF
                        commit Work on the FAQ
                        ```
                        """, TaskPriority.LOW));
    }
}
