package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lbstudio.testing.RepoPaths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lbstudio FILE}: a bare design file opens the app on it, exactly like {@code lbstudio gui FILE}. */
class OpenFileCommandTest {

    private final List<List<String>> launched = new ArrayList<>();

    /** Builds every command as usual, but {@code gui} records its window arguments instead of opening one. */
    private final CommandLine.IFactory noWindow = new CommandLine.IFactory() {
        @Override
        @SuppressWarnings("unchecked")
        public <K> K create(Class<K> type) throws Exception {
            return type == GuiCommand.class ? (K) new GuiCommand(args -> launched.add(List.of(args)))
                    : CommandLine.defaultFactory().create(type);
        }
    };

    @Test
    void aBareDesignFileOpensTheAppOnIt() {
        String seed = RepoPaths.sample("seed-calico-metallb.yaml").toString();

        Cli bare = Cli.run(noWindow, seed);
        Cli gui = Cli.run(noWindow, "gui", seed);

        assertThat(bare.exitCode()).as(bare.err()).isZero();
        assertThat(launched).hasSize(2).containsOnly(List.of(seed));
    }

    @Test
    void aloneItPrintsHelpThatExplainsTheShortcut() {
        Cli alone = Cli.run(noWindow);

        assertThat(alone.exitCode()).isZero();
        assertThat(launched).isEmpty();
        assertThat(alone.out()).contains("Usage: lbstudio").contains("'lbstudio FILE' opens a design in the app");
    }

    @Test
    void aWordThatIsNeitherACommandNorAFileIsRefusedWithoutAWindow() {
        Cli typo = Cli.run(noWindow, "vaildate");

        assertThat(typo.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(typo.err()).contains("'vaildate' is neither a command nor a design file; see lbstudio --help");
        assertThat(launched).isEmpty();
    }

    @Test
    void subcommandsKeepTheirMeaning() {
        Cli show = Cli.run(noWindow, "show", RepoPaths.sample("seed-calico-metallb.yaml").toString());

        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(launched).isEmpty();
    }
}
