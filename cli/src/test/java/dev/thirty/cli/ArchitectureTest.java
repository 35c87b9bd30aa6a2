package dev.thirty.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of ARCHITECTURE.md: arrows point down only; papers stay apart. */
class ArchitectureTest {

    private static final String[] ENGINE = {"dev.thirty.tensor..", "dev.thirty.autograd..", "dev.thirty.nn..",
        "dev.thirty.optim..", "dev.thirty.data..", "dev.thirty.io..", "dev.thirty.parallel..",
        "dev.thirty.experiment.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.thirty");
    }

    @Test
    void kernelsKnowNothingOfTheEngine() {
        noClasses().that().resideInAPackage("dev.thirty.kernels..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.thirty.papers..", "dev.thirty.cli..")
                .check(classes);
    }

    @Test
    void engineDoesNotReachUpIntoPapersOrTheCommandLine() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("dev.thirty.papers..", "dev.thirty.cli..")
                .check(classes);
    }

    @Test
    void papersDoNotDependOnTheCommandLine() {
        noClasses().that().resideInAPackage("dev.thirty.papers..")
                .should().dependOnClassesThat().resideInAPackage("dev.thirty.cli..")
                .check(classes);
    }

    @Test
    void papersDoNotDependOnEachOther() {
        slices().matching("dev.thirty.papers.(*)..").should().notDependOnEachOther()
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void visionFiguresWorkOnPlainArraysNotOnTensorsOrModules() {
        noClasses().that().resideInAPackage("dev.thirty.experiment.vision..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.thirty.tensor..", "dev.thirty.autograd..",
                        "dev.thirty.nn..", "dev.thirty.optim..")
                .check(classes);
    }

    @Test
    void onlyKernelsUseTheVectorApi() {
        noClasses().that().resideOutsideOfPackage("dev.thirty.kernels..")
                .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..")
                .check(classes);
    }
}
