package dev.lbstudio.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The CLI is a thin shell: it must run headless, so it never touches the JavaFX UI. */
@AnalyzeClasses(packages = "dev.lbstudio.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule cliIsHeadless = noClasses().that().resideInAPackage("dev.lbstudio.cli..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("every command must work over SSH and in CI without a display");
}
