package dev.bosun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * {@code bosun} registers only the subcommand it runs (building picocli's model of all fifteen
 * was most of a client command's start-up); the usage and an unknown name still see them all.
 */
class BosunCliSubcommandsTest {

    @Test
    void everyNameIsItsCommandsOwnName() {
        for (Map.Entry<String, Class<?>> entry : BosunCli.SUBCOMMANDS.entrySet()) {
            assertThat(entry.getValue().getAnnotation(Command.class).name()).isEqualTo(entry.getKey());
        }
    }

    @Test
    void aNamedCommandIsTheOnlyOneRegistered() {
        assertThat(BosunCli.needed(new String[] {"status", "--json"})).containsExactly(StatusCommand.class);
        assertThat(BosunCli.needed(new String[] {"task", "add", "--title", "x"}))
                .containsExactly(TaskCommand.class);
    }

    @Test
    void startAlsoGetsAttachWhichItRunsThroughItsParent() {
        assertThat(BosunCli.needed(new String[] {"start", "--attach"}))
                .containsExactly(StartCommand.class, AttachCommand.class);
    }

    @Test
    void theUsageAndAnUnknownNameGetThemAll() {
        List<Class<?>> all = List.copyOf(BosunCli.SUBCOMMANDS.values());
        assertThat(BosunCli.needed(new String[] {"--help"})).isEqualTo(all);
        assertThat(BosunCli.needed(new String[] {})).isEqualTo(all);
        assertThat(BosunCli.needed(new String[] {"stauts"})).isEqualTo(all);
    }
}
