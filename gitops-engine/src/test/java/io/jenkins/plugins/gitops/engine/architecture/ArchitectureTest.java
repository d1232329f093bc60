package io.jenkins.plugins.gitops.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's layering, kept by the build: packages read as the flow without cycles, targets behind their
 * interface, no Jenkins, no Jenkins page. Front ends have their own test with {@link FrontEndRules}.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.gitops.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ENGINE = "io.jenkins.plugins.gitops.engine";

    /**
     * Each package is its own slice: {@code targets} and {@code targets.kubernetes} are two, and the root package
     * ({@code GitopsException}, {@code Json}) is one too.
     */
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.jenkins.plugins.gitops.(**)")
            .should().beFreeOfCycles();

    /**
     * The engine's packages as layers, lowest first, in the order of the flow (source, render, plan, apply, verify)
     * with what each step stands on below it: a layer uses only the layers before it. The root package
     * ({@code GitopsException}, {@code Json}) is the lowest, targets sit below the plan, which reads them, and the
     * reports and the use cases on top. A new package must be given its place here.
     */
    private static final List<String> FLOW = List.of("model", "source", "render", "diff", "environment", "targets",
            "plan", "apply", "health", "verify", "metrics", "report", "api");

    @ArchTest
    static final ArchRule LAYERS_FOLLOW_THE_FLOW = flowLayers()
            .because("packages read as the flow; a lower layer that used a higher one would turn it around");

    private static LayeredArchitecture flowLayers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture()
                .layer("root").definedBy(ENGINE);
        for (String layer : FLOW) {
            layers = layers.layer(layer).definedBy(ENGINE + "." + layer + "..");
        }
        layers = layers.whereLayer("root").mayNotAccessAnyLayer();
        for (int i = 0; i < FLOW.size(); i++) {
            List<String> below = new ArrayList<>(List.of("root"));
            below.addAll(FLOW.subList(0, i));
            layers = layers.whereLayer(FLOW.get(i)).mayOnlyAccessLayers(below.toArray(String[]::new));
        }
        return layers;
    }

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
