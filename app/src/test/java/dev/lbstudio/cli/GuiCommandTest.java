package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuiCommandTest {

    @Test
    void aMissingDesignIsRefusedBeforeAnyWindowOpens() {
        Cli result = Cli.run("gui", "no/such/design.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("cannot open no/such/design.yaml: no such file")
                .contains("samples/seed-calico-metallb.yaml");
    }

    @Test
    void helpNamesTheScreenshotOption() {
        Cli result = Cli.run("gui", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--screenshot=PNG").contains("FILE");
    }

    @Test
    void aWindowSizeThatIsNotWidthByHeightIsRefusedWithAnExample() {
        Cli result = Cli.run("gui", "--size=full-hd");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("--size must be WIDTHxHEIGHT in pixels, e.g. 1920x1080, not full-hd");
    }
}
