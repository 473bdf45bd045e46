package dev.lbstudio.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Lab backends run headless (CLI, CI, servers); the GUI consumes them, never the other way round. */
@AnalyzeClasses(packages = "dev.lbstudio.lab", importOptions = ImportOption.DoNotIncludeTests.class)
class ConnectorsArchitectureTest {

    @ArchTest
    static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("lab connectors must run without a display")
            // The module holds no classes until the first lab backend lands; the rule still guards it.
            .allowEmptyShould(true);
}
