package dev.lbstudio.validate;

import java.util.ArrayList;
import java.util.List;

/** The one place every rule is registered; ids are unique and the order is the order docs list them. */
public final class Rules {
    private static final List<Rule> ALL;

    static {
        List<Rule> all = new ArrayList<>();
        all.addAll(BasicRules.all());
        all.addAll(ReferenceRules.all());
        all.addAll(PoolRules.all());
        all.addAll(CalicoRules.all());
        all.addAll(CalicoSpecRules.all());
        all.addAll(RouterRules.all());
        all.addAll(MetalLbRules.all());
        all.addAll(MetalLbConfigRules.all());
        all.addAll(ServiceRules.all());
        all.addAll(VersionRules.all());
        all.addAll(DualStackRules.all());
        ALL = List.copyOf(all);
    }

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }
}
