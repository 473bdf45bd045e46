package dev.lbstudio.ui.viewmodel;

/**
 * The side panels whose engines are built on other branches and not merged yet (now only the lab). Each says plainly
 * what it will show and which engine it waits for, instead of pretending with made-up data.
 * When an engine lands, its panel gets a real view model and leaves this list.
 */
public enum EnginePanel {
    LAB("Lab", "Run failover scenarios (node crash, pod relocation, BIRD restart, link down, session reset) on the "
            + "simulated, namespace or cluster lab; watch routes change and probes fail over on a timeline.",
            "the Lab API and its backends in lab-connectors (the scenario simulator is merged; the panel drives it "
                    + "through the same Lab/LabEvent stream as the real labs)");

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
