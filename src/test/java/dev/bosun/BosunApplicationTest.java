package dev.bosun;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One jar: words (or --help) run the command line, property arguments start the server. */
class BosunApplicationTest {

    @Test
    void wordsAndHelpAreTheCommandLineAndPropertiesAreTheServer() {
        assertThat(BosunApplication.isCommandLine(new String[] {"validate"})).isTrue();
        assertThat(BosunApplication.isCommandLine(new String[] {"--help"})).isTrue();
        assertThat(BosunApplication.isCommandLine(new String[] {"-V"})).isTrue();
        assertThat(BosunApplication.isCommandLine(new String[] {})).isFalse();
        assertThat(BosunApplication.isCommandLine(new String[] {"--server.port=9000", "--bosun.engineers=3"}))
                .isFalse();
    }
}
