package dev.lbstudio.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CalicoSelectorTest {

    private static final Map<String, String> RACK1 = Map.of("rack", "rack-1", "role", "worker");

    @Test
    void readsTheFormsDesignsUse() {
        assertThat(CalicoSelector.parse("all()").matches(Map.of())).isTrue();
        assertThat(CalicoSelector.parse("rack == 'rack-1'").matches(RACK1)).isTrue();
        assertThat(CalicoSelector.parse("rack != 'rack-1'").matches(RACK1)).isFalse();
        assertThat(CalicoSelector.parse("rack != 'rack-1'").matches(Map.of())).isTrue();
        assertThat(CalicoSelector.parse("has(role) && rack == \"rack-1\"").matches(RACK1)).isTrue();
        assertThat(CalicoSelector.parse("!has(role)").matches(RACK1)).isFalse();
        assertThat(CalicoSelector.parse("rack in {'rack-2', 'rack-1'}").matches(RACK1)).isTrue();
        assertThat(CalicoSelector.parse("rack not in {'rack-1'}").matches(RACK1)).isFalse();
        assertThat(CalicoSelector.parse("rack == 'rack-9' || role == 'worker'").matches(RACK1)).isTrue();
    }

    @Test
    void namesThePartItCannotRead() {
        assertThatThrownBy(() -> CalicoSelector.parse("rack = rack-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rack = rack-1'");
        assertThatThrownBy(() -> CalicoSelector.parse("(rack == 'a')")).isInstanceOf(IllegalArgumentException.class);
    }
}
