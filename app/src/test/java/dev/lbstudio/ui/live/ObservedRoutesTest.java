package dev.lbstudio.ui.live;

import static dev.lbstudio.ui.live.Seed.LB;
import static dev.lbstudio.ui.live.Seed.TOR1;
import static dev.lbstudio.ui.live.Seed.ips;
import static dev.lbstudio.ui.live.Seed.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.model.ElementKind;
import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.ui.live.ObservedRoutes.Change;
import dev.lbstudio.ui.live.ObservedRoutes.Compared;
import dev.lbstudio.ui.live.ObservedRoutes.Difference;
import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservedRoutesTest {

    private final ObservedRoutes routes = new ObservedRoutes(Seed.state());
    private final List<IpAddr> all = ips("10.0.0.11", "10.0.0.12", "10.0.0.13");

    @Test
    void aLabThatHasNotChangedAnythingMatchesThePrediction() {
        assertThat(routes.compare(TOR1)).singleElement().satisfies(c -> {
            assertThat(c.prefix()).isEqualTo(LB);
            assertThat(c.predicted()).isEqualTo(all);
            assertThat(c.observed()).isEqualTo(all);
            assertThat(c.difference()).isEqualTo(Difference.SAME);
        });
    }

    @Test
    void aWithdrawnNextHopIsMissingAndAWithdrawnRouteIsMissingWhole() {
        routes.apply(route(LB, all, ips("10.0.0.13", "10.0.0.12")));
        Compared c = routes.compare(TOR1).get(0);
        assertThat(c.difference()).isEqualTo(Difference.DIFFERENT);
        assertThat(c.missing()).containsExactly(IpAddr.parse("10.0.0.11"));
        assertThat(c.extra()).isEmpty();
        assertThat(c.observed()).as("sorted like the prediction").containsExactly(IpAddr.parse("10.0.0.12"),
                IpAddr.parse("10.0.0.13"));

        routes.apply(route(LB, c.observed(), List.of()));
        assertThat(routes.compare(TOR1).get(0).difference()).isEqualTo(Difference.MISSING);
        assertThat(routes.lookup(TOR1, IpAddr.parse("10.208.1.1"))).isEmpty();
    }

    @Test
    void anUnpredictedRouteIsExtraAndWinsTheLongestPrefixMatch() {
        IpPrefix host = IpPrefix.parse("10.208.1.1/32");
        routes.apply(route(host, List.of(), ips("10.0.0.12")));

        assertThat(routes.compare(TOR1)).extracting(Compared::prefix, Compared::difference)
                .contains(tuple(host, Difference.EXTRA));
        assertThat(routes.lookup(TOR1, IpAddr.parse("10.208.1.1")).orElseThrow().getKey()).isEqualTo(host);
        assertThat(routes.lookup(TOR1, IpAddr.parse("10.208.1.2")).orElseThrow().getKey()).isEqualTo(LB);
        assertThat(routes.version()).isEqualTo(1);
    }

    @Test
    void aChangeIsAddedWhenAnyNextHopIsNewAndWithdrawnWhenHopsOnlyLeft() {
        assertThat(Change.of(ips("10.0.0.11"), ips("10.0.0.11", "10.0.0.12"))).contains(Change.ADDED);
        assertThat(Change.of(ips("10.0.0.11"), ips("10.0.0.12"))).contains(Change.ADDED);
        assertThat(Change.of(ips("10.0.0.11", "10.0.0.12"), ips("10.0.0.12"))).contains(Change.WITHDRAWN);
        assertThat(Change.of(ips("10.0.0.11"), List.of())).contains(Change.WITHDRAWN);
        assertThat(Change.of(ips("10.0.0.11"), ips("10.0.0.11"))).isEmpty();
    }

    @Test
    void changesOfRoutersTheDesignDoesNotHaveAreIgnored() {
        ElementId elsewhere = ElementId.of(ElementKind.ROUTER, "elsewhere");
        routes.apply(new LabEvent.RouteChanged(Duration.ZERO, elsewhere, LB, all, List.of(), null, null));
        assertThat(routes.version()).isZero();
        assertThat(routes.compare(elsewhere)).isEmpty();
    }
}
