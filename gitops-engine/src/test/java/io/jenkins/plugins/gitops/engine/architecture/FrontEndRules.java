package io.jenkins.plugins.gitops.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * What a front end (the command line, the Pipeline steps) may use of the engine: the use cases, the values they
 * take and return, and the reports. Planners, appliers, loaders and targets are the use cases' business.
 */
public final class FrontEndRules {
    static final String DIRECTORY = "io.jenkins.plugins.gitops.engine.targets.directory..";
    static final String KUBERNETES = "io.jenkins.plugins.gitops.engine.targets.kubernetes..";
    private static final String ENGINE = "io.jenkins.plugins.gitops.engine.";

    /** Whole packages a front end may use. */
    static final Set<String> PACKAGES = Set.of(ENGINE + "api", ENGINE + "report", ENGINE + "model");

    /** Values from the flow's packages that requests take and results hold. */
    static final Set<String> VALUES = Set.of(
            ENGINE + "GitopsException", ENGINE + "Remedy", ENGINE + "Remedy$Kind", ENGINE + "Progress",
            ENGINE + "ThrottledProgress", ENGINE + "Json",
            ENGINE + "plan.Plan", ENGINE + "plan.Change", ENGINE + "plan.Action", ENGINE + "plan.PlanSummary",
            ENGINE + "plan.DiffMode", ENGINE + "plan.PlanFile",
            ENGINE + "apply.ApplyOptions", ENGINE + "apply.ApplyResult", ENGINE + "apply.Outcome",
            ENGINE + "apply.Outcome$Status",
            ENGINE + "verify.VerifyResult", ENGINE + "health.ResourceHealth", ENGINE + "health.Health",
            ENGINE + "health.HealthStatus", ENGINE + "targets.Inventory", ENGINE + "targets.Revision",
            ENGINE + "render.Variables",
            ENGINE + "targets.kubernetes.KubernetesTargetConfig",
            ENGINE + "targets.kubernetes.KubernetesTargetConfig$Builder");

    private FrontEndRules() {
    }

    /** Classes in {@code frontEndPackage} use the engine only through its use-case API and values. */
    public static ArchRule onlyTheUseCases(String frontEndPackage) {
        return noClasses().that().resideInAPackage(frontEndPackage + "..")
                .should().dependOnClassesThat(new DescribedPredicate<JavaClass>("engine internals") {
                    @Override
                    public boolean test(JavaClass c) {
                        return c.getName().startsWith(ENGINE) && !PACKAGES.contains(c.getPackageName())
                                && !VALUES.contains(c.getName());
                    }
                })
                .because("front ends translate options into a use-case request and present its result");
    }
}
