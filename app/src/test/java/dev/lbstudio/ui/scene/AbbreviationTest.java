package dev.lbstudio.ui.scene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names shortened by whole words for a box with little room, keeping the part that tells them apart. */
class AbbreviationTest {

    @Test
    void aPodKeepsItsDeploymentAndItsReplicaSuffixLongest() {
        assertThat(Abbreviation.forms("web-server-5d8f7c9b6-x2k4p")).containsExactly("web-server-5d8f7c9b6-x2k4p",
                "web-server-…-x2k4p", "web-…-x2k4p", "…-x2k4p");
    }

    @Test
    void aServiceLosesItsNamespaceFirst() {
        assertThat(Abbreviation.forms("demo/web-server")).containsExactly("demo/web-server", "web-server", "…-server");
    }

    @Test
    void aNameOfOneWordHasNoShorterForm() {
        assertThat(Abbreviation.forms("tor1")).containsExactly("tor1");
    }
}
