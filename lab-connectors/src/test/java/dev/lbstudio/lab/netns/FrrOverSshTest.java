package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbstudio.lab.exec.HostKeyPolicy;
import dev.lbstudio.lab.exec.SshRunner;
import dev.lbstudio.lab.exec.TestSshd;
import dev.lbstudio.lab.frr.BgpPeer;
import dev.lbstudio.lab.frr.FibRoute;
import dev.lbstudio.lab.frr.Vtysh;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real router reached the way users reach theirs: OpenSSH on loopback, a forced command that
 * allows only {@code vtysh -c 'show …'}, and behind it the seed lab's real FRR ToR.
 */
class FrrOverSshTest {

    @Test
    void summaryAndRoutesOfARealFrrComeBackOverSsh(@TempDir Path dir) throws Exception {
        try (NetnsLab lab = SeedLabTest.up(LabDesigns.sample("seed-calico-metallb.yaml"));
             TestSshd sshd = TestSshd.start(dir, """
                     eval "set -- $SSH_ORIGINAL_COMMAND"
                     if [ "$1" != vtysh ] || [ "$2" != -c ]; then echo "refused: $SSH_ORIGINAL_COMMAND" >&2; exit 97; fi
                     case "$3" in
                       "show "*) exec vtysh --vty_socket %s -c "$3" ;;
                       *) echo "refused: $3" >&2; exit 97 ;;
                     esac""".formatted(lab.routerDir("tor1")));
             SshRunner ssh = new SshRunner(sshd.target(new HostKeyPolicy.Pinned(sshd.hostFingerprint())))) {
            Vtysh tor = Vtysh.over(ssh);

            assertThat(tor.bgpSummary()).extracting(BgpPeer::address, BgpPeer::established)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("10.0.0.11", true),
                            org.assertj.core.groups.Tuple.tuple("10.0.0.12", true),
                            org.assertj.core.groups.Tuple.tuple("10.0.0.13", true));
            assertThat(tor.routes()).filteredOn(r -> r.prefix().equals("10.208.1.0/24")).singleElement()
                    .extracting(FibRoute::nextHops).asList()
                    .containsExactlyInAnyOrder("10.0.0.11", "10.0.0.12", "10.0.0.13");
            assertThatThrownBy(() -> tor.configure("router bgp 64512", "neighbor 10.0.0.11 shutdown"))
                    .hasMessageContaining("refused");
        }
    }
}
