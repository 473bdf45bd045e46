package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A Calico BGPFilter: ordered accept/reject rules applied to a peer's import or export. */
public record BgpFilter(@JsonProperty(required = true) String name, List<Rule> exportV4, List<Rule> importV4, List<Rule> exportV6,
                        List<Rule> importV6) implements Identified {

    public BgpFilter {
        Names.require(name, "BGPFilter");
        exportV4 = Lists.copy(exportV4);
        importV4 = Lists.copy(importV4);
        exportV6 = Lists.copy(exportV6);
        importV6 = Lists.copy(importV6);
    }

    @Override
    public ElementId id() {
        return ElementId.of(ElementKind.BGP_FILTER, name);
    }

    /**
     * One rule, in Calico's words: action {@code Accept|Reject}, matchOperator
     * {@code Equal|NotEqual|In|NotIn}, source {@code RemotePeers}, interface glob.
     */
    public record Rule(@JsonProperty(required = true) String action, IpPrefix cidr, String matchOperator, String source, String interfaceName) {
        public Rule {
            if (!"Accept".equals(action) && !"Reject".equals(action)) {
                throw new IllegalArgumentException("a BGPFilter rule's action is Accept or Reject, not '" + action + "'");
            }
            if ((cidr == null) != (matchOperator == null)) {
                throw new IllegalArgumentException("a BGPFilter rule needs both cidr and matchOperator, or neither");
            }
            if (matchOperator != null && !List.of("Equal", "NotEqual", "In", "NotIn").contains(matchOperator)) {
                throw new IllegalArgumentException("matchOperator is Equal, NotEqual, In or NotIn, not '" + matchOperator + "'");
            }
            if (source != null && !"RemotePeers".equals(source)) {
                throw new IllegalArgumentException("a BGPFilter rule's source can only be RemotePeers, not '" + source + "'");
            }
        }
    }
}
