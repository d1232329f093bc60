package io.jenkins.plugins.gitops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import hudson.model.Descriptor;
import io.jenkins.plugins.gitops.engine.architecture.FrontEndRules;
import io.jenkins.plugins.gitops.engine.architecture.PageMarkup;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.verb.POST;

/**
 * The rules warnings-ng keeps for its Jenkins code (plugin-util-api's PluginArchitectureRules), for this plugin's own
 * package (the engine and gitops-steps below it have their own architecture tests): form endpoints answer POST only and
 * check a permission first, data-bound classes are public, and the engine is used through its use cases and values;
 * and the plugin writes no page markup itself: its views print only gitops-pages' HTML, tested there with hostile text.
 * These run without a Jenkins: they read the compiled classes.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.gitops", importOptions = ImportOption.DoNotIncludeTests.class)
class PluginArchitectureTest {
    private static final String PLUGIN = "io.jenkins.plugins.gitops";

    /** A {@code doFill...} or {@code doCheck...} answers a GET by a link in a mail or a page (CSRF) unless POST only. */
    @ArchTest
    static final ArchRule FORM_ENDPOINTS_ARE_POST_ONLY_WITH_A_PERMISSION_CHECK = methods().that()
            .areDeclaredInClassesThat().resideInAPackage(PLUGIN)
            .and().areDeclaredInClassesThat().areAssignableTo(Descriptor.class)
            .and().haveNameMatching("do(Fill|Check)[A-Z].*")
            .should().beAnnotatedWith(POST.class)
            .andShould().bePublic()
            .andShould(checkAPermission());

    @ArchTest
    static final ArchRule DATA_BOUND_CONSTRUCTORS_ARE_IN_PUBLIC_CLASSES = constructors().that()
            .areDeclaredInClassesThat().resideInAPackage(PLUGIN)
            .and().areAnnotatedWith(DataBoundConstructor.class)
            .should().bePublic().andShould().beDeclaredInClassesThat().arePublic();

    @ArchTest
    static final ArchRule DATA_BOUND_SETTERS_ARE_IN_PUBLIC_CLASSES = methods().that()
            .areDeclaredInClassesThat().resideInAPackage(PLUGIN)
            .and().areAnnotatedWith(DataBoundSetter.class)
            .should().bePublic().andShould().beDeclaredInClassesThat().arePublic();

    @ArchTest
    static final ArchRule ONLY_THE_ENGINES_USE_CASES_AND_VALUES = FrontEndRules.onlyTheUseCasesIn(PLUGIN);

    @ArchTest
    static final ArchRule NO_PAGE_MARKUP = classes().that().resideInAPackage(PLUGIN).should(PageMarkup.absent());

    /** FormAccess decides who may use a form helper; CredentialItems asks it before listing credentials. */
    private static ArchCondition<JavaMethod> checkAPermission() {
        return new ArchCondition<>("ask FormAccess (directly or through CredentialItems) before answering") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                if (method.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    return;
                }
                boolean checks = method.getCallsFromSelf().stream().anyMatch(call -> {
                    String owner = call.getTargetOwner().getName();
                    return owner.equals(FormAccess.class.getName()) && call.getName().equals("mayConfigure")
                            || owner.equals(CredentialItems.class.getName()) && call.getName().equals("of");
                });
                if (!checks) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName()
                            + " answers without FormAccess.mayConfigure or CredentialItems.of"));
                }
            }
        };
    }
}
