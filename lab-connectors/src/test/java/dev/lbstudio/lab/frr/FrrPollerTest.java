package dev.lbstudio.lab.frr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lbstudio.lab.exec.CommandResult;
import dev.lbstudio.lab.exec.CommandRunner;
import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.scenario.LabEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Polling diffs on captured FRR 8.4 output, changed the way a failing node changes it. */
class FrrPollerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A router that answers vtysh commands from a table the test edits between polls. */
    static final class ScriptedRouter implements CommandRunner {
        final Map<String, String> answers = new HashMap<>();
        final List<String> commands = new ArrayList<>();

        @Override
        public CommandResult run(List<String> argv, Duration timeout) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i + 1 < argv.size(); i++) {
                if (argv.get(i).equals("-c")) {
                    lines.add(argv.get(i + 1));
                }
            }
            String command = String.join(" ", lines);
            commands.add(command);
            String answer = answers.get(command);
            return answer == null ? new CommandResult(1, "", "% Unknown command: " + command, Duration.ZERO)
                    : new CommandResult(0, answer, "", Duration.ZERO);
        }

        @Override
        public String describe() {
            return "scripted tor1";
        }
    }

    static String captured(String name) throws IOException {
        try (InputStream in = FrrPollerTest.class.getResourceAsStream("/lab/captured/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sessionDownAndEcmpShrinkBecomeEvents() throws Exception {
        ScriptedRouter tor = new ScriptedRouter();
        tor.answers.put("show bgp summary json", captured("show-bgp-summary.json"));
        tor.answers.put("show ip route json", captured("show-ip-route.json"));
        List<LabEvent> events = new ArrayList<>();
        ElementId torId = ElementId.of(ElementKind.ROUTER, "tor1");
        FrrPoller poller = new FrrPoller(Vtysh.over(tor), torId,
                ip -> ElementId.of(ElementKind.NODE, ip.equals("10.0.0.11") ? "node-1" : ip), events::add, System.nanoTime());

        poller.poll();
        assertThat(events).as("the first poll is the baseline").isEmpty();

        ObjectNode summary = (ObjectNode) JSON.readTree(tor.answers.get("show bgp summary json"));
        ((ObjectNode) summary.path("ipv4Unicast").path("peers").path("10.0.0.11")).put("state", "Active");
        tor.answers.put("show bgp summary json", summary.toString());
        tor.answers.put("show ip route json", tor.answers.get("show ip route json").replaceFirst(
                "(?s)\\{[^{}]*\"ip\" ?: ?\"10\\.0\\.0\\.11\"[^{}]*\\},?", ""));
        poller.poll();

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(LabEvent.SessionChanged.class, s -> {
            assertThat(s.peer()).isEqualTo(ElementId.of(ElementKind.NODE, "node-1"));
            assertThat(s.from()).isEqualTo(LabEvent.SessionState.ESTABLISHED);
            assertThat(s.to()).isEqualTo(LabEvent.SessionState.ACTIVE);
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(LabEvent.RouteChanged.class, r -> {
            assertThat(r.prefix()).hasToString("10.208.1.0/24");
            assertThat(r.before()).containsExactly(IpAddr.parse("10.0.0.11"), IpAddr.parse("10.0.0.12"), IpAddr.parse("10.0.0.13"));
            assertThat(r.after()).containsExactly(IpAddr.parse("10.0.0.12"), IpAddr.parse("10.0.0.13"));
        });
    }

    @Test
    void routerTriggersNeedAnExplicitOptInAndTakeOnlyAddresses() throws Exception {
        ScriptedRouter tor = new ScriptedRouter();
        tor.answers.put("show bgp summary json", captured("show-bgp-summary.json"));
        tor.answers.put("clear bgp 10.0.0.11", "");
        tor.answers.put("configure terminal router bgp 64512 neighbor 10.0.0.11 shutdown", "");
        Vtysh vtysh = Vtysh.over(tor);

        assertThatThrownBy(() -> RouterTriggers.of(vtysh, "tor1", false)).hasMessageContaining("--allow-router-triggers");
        RouterTriggers triggers = RouterTriggers.of(vtysh, "tor1", true);
        assertThat(triggers.clearSession("10.0.0.11")).isEqualTo("reset the BGP session tor1 ↔ 10.0.0.11");
        assertThat(triggers.shutdownNeighbor("10.0.0.11")).isEqualTo("shut down neighbor 10.0.0.11 on tor1");
        assertThat(tor.commands).contains("clear bgp 10.0.0.11",
                "configure terminal router bgp 64512 neighbor 10.0.0.11 shutdown");
        assertThatThrownBy(() -> triggers.clearSession("10.0.0.11\nwrite erase")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frrStateWords() {
        assertThat(new BgpPeer("10.0.0.11", 64513, "Idle (Admin)", 0, 0).sessionState()).isEqualTo(LabEvent.SessionState.IDLE);
        assertThat(new BgpPeer("10.0.0.11", 64513, "OpenSent", 0, 0).sessionState()).isEqualTo(LabEvent.SessionState.OPEN_SENT);
        assertThat(new BgpPeer("10.0.0.11", 64513, "Established", 0, 0).sessionState())
                .isEqualTo(LabEvent.SessionState.ESTABLISHED);
    }
}
