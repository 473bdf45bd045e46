package dev.lbstudio.bench;

import dev.lbstudio.model.Topology;
import dev.lbstudio.model.ValidationSettings;
import dev.lbstudio.samples.SyntheticDesign;
import dev.lbstudio.validate.ValidationResult;
import dev.lbstudio.validate.Validator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validating the large design (1,000 nodes, 40 ToRs, 5,000 services, 50 pools). Targets: a full
 * run ≤ 50 ms; re-validation after one edit ≤ 5 ms. The edits alternate between two designs so
 * every call sees a change: one edits a router (network), one a pool (MetalLB), one the design's
 * validation settings (nothing a rule reads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ValidateBenchmark {

    private Topology large;
    private Topology[] routerEdit;
    private Topology[] poolEdit;
    private Topology[] settingsEdit;
    private final Validator validator = new Validator();
    private int turn;

    @Setup
    public void build() {
        large = SyntheticDesign.large();
        routerEdit = new Topology[] {large, Edits.routerHold(large, 30)};
        poolEdit = new Topology[] {large, Edits.poolAvoidBuggy(large, false)};
        settingsEdit = new Topology[] {large, Edits.withValidation(large,
                new ValidationSettings(java.util.List.of(new ValidationSettings.DisabledRule("CLUSTER_SVC_NO_32", "bench"))))};
        validator.revalidate(large);
    }

    @Benchmark
    public ValidationResult fullValidation() {
        return Validator.validate(large);
    }

    @Benchmark
    public ValidationResult revalidateAfterRouterEdit() {
        return validator.revalidate(routerEdit[turn++ & 1]);
    }

    @Benchmark
    public ValidationResult revalidateAfterPoolEdit() {
        return validator.revalidate(poolEdit[turn++ & 1]);
    }

    @Benchmark
    public ValidationResult revalidateAfterSettingsEdit() {
        return validator.revalidate(settingsEdit[turn++ & 1]);
    }
}
