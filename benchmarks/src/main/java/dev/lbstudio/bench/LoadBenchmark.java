package dev.lbstudio.bench;

import dev.lbstudio.io.TopologyReader;
import dev.lbstudio.io.TopologyWriter;
import dev.lbstudio.model.Topology;
import dev.lbstudio.samples.SyntheticDesign;
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
 * Loading the large design (1,000 nodes, 40 ToRs, 5,000 services, 50 pools) from YAML: parse,
 * bind to records and check every reference. Target: 300 ms or less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoadBenchmark {

    private String yaml;

    @Setup
    public void write() {
        yaml = TopologyWriter.toYaml(SyntheticDesign.large());
    }

    @Benchmark
    public Topology loadLargeDesign() throws Exception {
        return TopologyReader.parse("large.yaml", yaml);
    }

    @Benchmark
    public String writeLargeDesign() {
        return TopologyWriter.toYaml(SyntheticDesign.large());
    }
}
