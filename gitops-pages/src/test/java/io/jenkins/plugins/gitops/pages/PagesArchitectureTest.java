package io.jenkins.plugins.gitops.pages;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.jenkins.plugins.gitops.engine.architecture.FrontEndRules;

/**
 * The pages render what the plugin gives them, without Jenkins and without reading anything: the plugin reads the
 * build's files and asks Jenkins, so that every page is tested here as a function of its values.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.gitops.pages", importOptions = ImportOption.DoNotIncludeTests.class)
class PagesArchitectureTest {
    @ArchTest
    static final ArchRule ONLY_THE_USE_CASES = FrontEndRules.onlyTheUseCases("io.jenkins.plugins.gitops.pages");

    @ArchTest
    static final ArchRule NO_JENKINS = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..");

    @ArchTest
    static final ArchRule NO_FILES = noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
            .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.File.*")
            .because("a page is a function of the values it is given; the plugin reads the build's files");
}
