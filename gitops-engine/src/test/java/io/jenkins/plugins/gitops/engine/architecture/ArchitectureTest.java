package io.jenkins.plugins.gitops.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine's layering, kept by the build: packages read as the flow without cycles, targets behind their
 * interface, no Jenkins, no Jenkins page. Front ends have their own test with {@link FrontEndRules}.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.gitops.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Each package is its own slice: {@code targets} and {@code targets.kubernetes} are two. */
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.jenkins.plugins.gitops.engine.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule NO_JENKINS = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..")
            .because("the engine runs on agents and in the command line, without Jenkins");

    @ArchTest
    static final ArchRule ONLY_THE_API_OPENS_CONCRETE_TARGETS = noClasses()
            .that().resideOutsideOfPackages(FrontEndRules.DIRECTORY, FrontEndRules.KUBERNETES, FrontEndRules.GIT,
                    "..engine.api..")
            .should().dependOnClassesThat().resideInAnyPackage(FrontEndRules.DIRECTORY, FrontEndRules.KUBERNETES,
                    FrontEndRules.GIT)
            .because("the engine works on the Target interface; only the use cases open a target from its spec");

    @ArchTest
    static final ArchRule REPORTS_KNOW_NO_TARGET = noClasses().that().resideInAPackage("..engine.report..")
            .should().dependOnClassesThat().resideInAnyPackage(FrontEndRules.DIRECTORY, FrontEndRules.KUBERNETES,
                    FrontEndRules.GIT);

    @ArchTest
    static final ArchRule ONLY_JSONNET_EVALUATION_LOADS_SCALA = noClasses()
            .that().haveNameNotMatching("io\\.jenkins\\.plugins\\.gitops\\.engine\\.render\\.JsonnetEvaluation(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("sjsonnet..", "scala..", "ujson..", "upickle..")
            .because("sjsonnet and the Scala library load only when an environment holds Jsonnet");

    /** The Jenkins pages' HTML lives in gitops-pages, beside the plugin that shows it. */
    @ArchTest
    static final ArchRule NO_PAGE_MARKUP = classes().should(PageMarkup.absent())
            .andShould().haveSimpleNameNotEndingWith("Html")
            .because("the Jenkins pages are rendered in gitops-pages; the engine's reports are text, JSON and Markdown");
}
