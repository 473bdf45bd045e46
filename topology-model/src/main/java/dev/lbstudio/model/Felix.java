package dev.lbstudio.model;

/** The Felix settings that change service routing: loop prevention and the eBPF dataplane. */
public record Felix(String serviceLoopPrevention, Boolean bpfEnabled) implements Identified {
    public static final Felix DEFAULT = new Felix(null, null);

    public Felix {
        if (serviceLoopPrevention != null
                && !java.util.List.of("Drop", "Reject", "Disabled").contains(serviceLoopPrevention)) {
            throw new IllegalArgumentException("serviceLoopPrevention is Drop, Reject or Disabled, not '"
                    + serviceLoopPrevention + "'");
        }
    }

    public String effectiveServiceLoopPrevention() {
        return serviceLoopPrevention != null ? serviceLoopPrevention : "Drop";
    }

    public boolean effectiveBpfEnabled() {
        return Boolean.TRUE.equals(bpfEnabled);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.FELIX, "default");
    }
}
