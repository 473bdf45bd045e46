package dev.lbstudio.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** MVVM in the app: views are dumb, view models and edits know nothing of views. */
@AnalyzeClasses(packages = "dev.lbstudio.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

    @ArchTest
    static final ArchRule viewsDoNoFileOrModelWork = noClasses().that().resideInAPackage("dev.lbstudio.ui.view..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lbstudio.io..", "java.nio.file.spi..")
            .because("views bind to view models; reading and writing designs happens in view models' Tasks");

    @ArchTest
    static final ArchRule viewModelsDoNotKnowViews = noClasses().that()
            .resideInAnyPackage("dev.lbstudio.ui.viewmodel..", "dev.lbstudio.ui.edit..", "dev.lbstudio.ui.scene..",
                    "dev.lbstudio.ui.live..")
            .should().dependOnClassesThat().resideInAPackage("dev.lbstudio.ui.view..")
            .because("view models must be testable and reusable without a window");

    @ArchTest
    static final ArchRule editsAndScenesAreFreeOfJavaFx = noClasses().that()
            .resideInAnyPackage("dev.lbstudio.ui.edit..", "dev.lbstudio.ui.scene..", "dev.lbstudio.ui.live..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the SVG export and the unit tests use them headless");
}
