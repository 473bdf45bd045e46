package dev.lbstudio.ui.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CalicoSelectionTest {

    private static final Map<String, String> RACK1 = Map.of("rack", "rack-1", "kubernetes.io/hostname", "n1");

    @Test
    void readsTheSelectorFormsDesignsUse() {
        assertThat(CalicoSelection.selector("all()").test(RACK1)).isTrue();
        assertThat(CalicoSelection.selector("rack == 'rack-1'").test(RACK1)).isTrue();
        assertThat(CalicoSelection.selector("rack == 'rack-2'").test(RACK1)).isFalse();
        assertThat(CalicoSelection.selector("rack != 'rack-2' && has(rack)").test(RACK1)).isTrue();
        assertThat(CalicoSelection.selector("rack in {'rack-2', 'rack-1'}").test(RACK1)).isTrue();
        assertThat(CalicoSelection.selector("zone not in {'a'}").test(RACK1)).isTrue();
        assertThat(CalicoSelection.selector("!has(rack) || rack == 'rack-1'").test(RACK1)).isTrue();
    }

    @Test
    void aSelectorItCannotReadSelectsNothing() {
        assertThat(CalicoSelection.selector("rack ~= 'x'").test(RACK1)).isFalse();
    }
}
