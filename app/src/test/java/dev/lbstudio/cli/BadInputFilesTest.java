package dev.lbstudio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command that reads a design answers a missing, directory, empty or binary file with one line and exit 2. */
class BadInputFilesTest {

    @TempDir
    static Path dir;

    /** Each command with the arguments it needs besides the design file. */
    static Stream<Arguments> commands() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        List<List<String>> commands = List.of(
                List.of("show"), List.of("validate"), List.of("routes"),
                List.of("trace", "--from=client1", "--to=10.208.1.1:80"), List.of("simulate"),
                List.of("render", "--out=" + out), List.of("push", "--kubeconfig=" + dir.resolve("kubeconfig")),
                List.of("watch", "--kubeconfig=" + dir.resolve("kubeconfig"), "--for=1"),
                List.of("lab", "run", "--backend=sim", "--scenario=node-crash"));
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        Path binary = Files.write(dir.resolve("binary.yaml"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
        Path directory = Files.createDirectories(dir.resolve("a-directory"));
        Path missing = dir.resolve("missing.yaml");
        List<Arguments> cases = new ArrayList<>();
        for (List<String> command : commands) {
            for (Path bad : List.of(missing, directory, empty, binary)) {
                cases.add(Arguments.of(command, bad));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("commands")
    void oneClearLineAndExitCode2(List<String> command, Path bad) {
        List<String> args = new ArrayList<>(command);
        int fileAt = command.get(0).equals("lab") ? 2 : 1;
        args.add(fileAt, bad.toString());

        Cli result = Cli.run(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).startsWith("lbstudio: " + bad).doesNotContain("Exception", "\tat ");
    }
}
