package io.jenkins.plugins.gitops.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.jenkins.plugins.gitops.engine.architecture.FrontEndRules;

/** The command line holds no engine wiring: it calls the use cases. */
@AnalyzeClasses(packages = "io.jenkins.plugins.gitops.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {
    @ArchTest
    static final ArchRule ONLY_THE_USE_CASES = FrontEndRules.onlyTheUseCases("io.jenkins.plugins.gitops.cli");
}
