package dev.lbstudio.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * topology-model is pure: it is read by the CLI, the GUI and every lab backend, so it must not
 * reach for a UI toolkit, a cluster client, SSH, sockets or processes.
 */
@AnalyzeClasses(packages = "dev.lbstudio", importOptions = ImportOption.DoNotIncludeTests.class)
class ModelArchitectureTest {

    @ArchTest
    static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the model is shared by the CLI and headless labs");

    @ArchTest
    static final ArchRule noKubernetesClient = noClasses().should().dependOnClassesThat()
            .resideInAPackage("io.fabric8..").because("cluster access belongs to lab-connectors");

    @ArchTest
    static final ArchRule noSsh = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("net.schmizz..", "com.hierynomus..").because("router access belongs to lab-connectors");

    @ArchTest
    static final ArchRule noSocketsOrProcesses = noClasses().should().dependOnClassesThat()
            .belongToAnyOf(java.net.Socket.class, java.net.ServerSocket.class, java.nio.channels.SocketChannel.class,
                    ProcessBuilder.class, Process.class, Runtime.class)
            .because("the model computes; labs run things");
}
