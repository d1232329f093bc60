package io.jenkins.plugins.gitops.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * What a front end (the command line, the Pipeline steps, the Jenkins pages) may use of the engine: the use cases, the
 * values they take and return (a masked diff's marks, {@code SecretMasker}'s, which a page explains, among them), and
 * the reports. Planners, appliers, loaders and targets are the use cases' business.
 */
public final class FrontEndRules {
    static final String DIRECTORY = "io.jenkins.plugins.gitops.engine.targets.directory..";
    static final String KUBERNETES = "io.jenkins.plugins.gitops.engine.targets.kubernetes..";
    static final String GIT = "io.jenkins.plugins.gitops.engine.targets.git..";
    private static final String ENGINE = "io.jenkins.plugins.gitops.engine.";

    /** Whole packages a front end may use. */
    static final Set<String> PACKAGES = Set.of(ENGINE + "api", ENGINE + "report", ENGINE + "model");

    /** Values from the flow's packages that requests take and results hold. */
    static final Set<String> VALUES = Set.of(
            ENGINE + "GitopsException", ENGINE + "Remedy", ENGINE + "Remedy$Kind", ENGINE + "Progress",
            ENGINE + "ThrottledProgress", ENGINE + "Json", ENGINE + "BoundedFile",
            ENGINE + "plan.Plan", ENGINE + "plan.Change", ENGINE + "plan.Action", ENGINE + "plan.PlanSummary",
            ENGINE + "plan.DiffMode", ENGINE + "plan.Pruning", ENGINE + "plan.PlanFile",
            ENGINE + "apply.ApplyOptions", ENGINE + "apply.ApplyResult", ENGINE + "apply.Outcome",
            ENGINE + "apply.Outcome$Status",
            ENGINE + "verify.VerifyResult", ENGINE + "health.ResourceHealth", ENGINE + "health.Health",
            ENGINE + "health.HealthStatus", ENGINE + "targets.Inventory", ENGINE + "targets.Revision",
            ENGINE + "targets.Revision$Event", ENGINE + "targets.Revision$Result",
            ENGINE + "metrics.MetricsReport", ENGINE + "metrics.EnvironmentMetrics",
            ENGINE + "metrics.DeploymentFrequency", ENGINE + "metrics.LeadTime", ENGINE + "metrics.ChangeFailureRate",
            ENGINE + "metrics.TimeToRestore", ENGINE + "metrics.Incident", ENGINE + "metrics.DailyMetrics",
            ENGINE + "render.Variables", ENGINE + "diff.SecretMasker",
            ENGINE + "targets.kubernetes.KubernetesTargetConfig",
            ENGINE + "targets.kubernetes.KubernetesTargetConfig$Builder", ENGINE + "targets.git.GitBranchSpec",
            ENGINE + "targets.git.GitAuthor");

    private FrontEndRules() {
    }

    /** Classes in {@code frontEndPackage} and below use the engine only through its use-case API and values. */
    public static ArchRule onlyTheUseCases(String frontEndPackage) {
        return onlyTheUseCasesIn(frontEndPackage + "..");
    }

    /**
     * Classes in the packages {@code packageIdentifier} matches (ArchUnit's syntax: the plugin's own package alone is
     * {@code "io.jenkins.plugins.gitops"}, which the engine's packages below it do not match) use the engine only
     * through its use-case API and values.
     */
    public static ArchRule onlyTheUseCasesIn(String packageIdentifier) {
        return noClasses().that().resideInAPackage(packageIdentifier)
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
