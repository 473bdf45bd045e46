package dev.lbstudio.ui.viewmodel;

/**
 * The side panels whose engines are built on other branches and not merged yet. Each says plainly
 * what it will show and which engine it waits for, instead of pretending with made-up data.
 * When an engine lands, its panel gets a real view model and leaves this list.
 */
public enum EnginePanel {
    FINDINGS("Findings", "Live validation findings grouped by severity, with one-click fixes.",
            "the validation engine (issue 3)"),
    ROUTES("Routes", "Per router: the predicted RIB/FIB with next hops and why each path won or lost.",
            "the routing engine (issue 4)"),
    PACKET_WALK("Packet walk", "Pick a client and a service and follow the packet hop by hop, with the source "
            + "address at each hop, for Local and Cluster policy.", "the routing engine (issue 4)"),
    LAB("Lab", "Run failover scenarios on the simulated lab, watch routes change and probes fail over.",
            "the scenario simulation and lab connectors (issue 4)");

    private final String title;
    private final String purpose;
    private final String engine;

    EnginePanel(String title, String purpose, String engine) {
        this.title = title;
        this.purpose = purpose;
        this.engine = engine;
    }

    public String title() {
        return title;
    }

    public String purpose() {
        return purpose;
    }

    /** The sentence the placeholder shows, e.g. "Arrives with the validation engine (issue 3)." */
    public String arrival() {
        return "Arrives with " + engine + ".";
    }
}
