package io.jenkins.plugins.gitops.steps;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.jenkins.plugins.gitops.engine.architecture.FrontEndRules;

/** The steps' agent side holds no engine wiring and no Jenkins: it is tested here, without Jenkins. */
@AnalyzeClasses(packages = "io.jenkins.plugins.gitops.steps", importOptions = ImportOption.DoNotIncludeTests.class)
class StepsArchitectureTest {
    @ArchTest
    static final ArchRule ONLY_THE_USE_CASES = FrontEndRules.onlyTheUseCases("io.jenkins.plugins.gitops.steps");

    @ArchTest
    static final ArchRule NO_JENKINS = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..");
}
