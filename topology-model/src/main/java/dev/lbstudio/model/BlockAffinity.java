package dev.lbstudio.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Calico IPAM block affine to a node (crd.projectcalico.org/v1 BlockAffinity, type host): what
 * confd's bird_aggr.cfg turns into the node's blackhole route for the block and the calico_aggr lines
 * that export the block and nothing beneath it. {@code state} is as written; null means the object
 * has none, which the template treats as "implicitly confirmed".
 */
public record BlockAffinity(@JsonProperty(required = true) String node, @JsonProperty(required = true) IpPrefix cidr,
                            State state) {

    /** libcalico-go/lib/backend/model/block_affinity.go (v3.26 … v3.32) BlockAffinityState. */
    public enum State {
        CONFIRMED("confirmed"), PENDING("pending"), PENDING_DELETION("pendingDeletion");

        private final String word;

        State(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        @JsonCreator
        public static State fromWord(String word) {
            return Enums.fromWord(State.class, word, State::word);
        }
    }

    public BlockAffinity {
        Names.require(node, "BlockAffinity's node");
        if (cidr == null) {
            throw new IllegalArgumentException("the BlockAffinity of node " + node + " needs a cidr");
        }
    }

    /** confd's cache drops pending affinities (client.go onUpdates, "Treat pending affinities as a delete"). */
    public boolean seenByConfd() {
        return state != State.PENDING;
    }

    /** calico_aggr exports the block (and rejects what is beneath it) only when confirmed, or when no state is written. */
    public boolean aggregated() {
        return state == null || state == State.CONFIRMED;
    }
}
