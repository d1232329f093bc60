package io.jenkins.plugins.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksPublisher;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import hudson.util.FormValidation;
import hudson.util.Secret;
import org.htmlunit.html.HtmlPage;
import io.jenkins.plugins.gitops.engine.targets.kubernetes.FakeApiServer;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jenkins.model.Jenkins;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class GitopsStepsTest {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final String SECRET = "s3cr3t-db-password";
    private static final String TOKEN = "t0ken-from-a-credential";

    @TempDir
    Path tmp;

    @Test
    void declarativePipelineOnAnAgentPlansAppliesAndVerifiesADirectory(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        Path out = tmp.resolve("out");
        j.createOnlineSlave(Label.get("gitops-agent"));
        WorkflowRun r = run(j, """
                pipeline {
                  agent { label 'gitops-agent' }
                  stages {
                    stage('deliver') {
                      steps {
                        dir('%s') {
                          script {
                            def p = gitopsPlan(path: 'env', target: directory(path: '%s'), planFile: 'plan.json', name: 'prod')
                            echo "planned creates=${p.creates} hasChanges=${p.hasChanges} file=${p.planFile}"
                            def a = gitopsApply(target: directory(path: '%s'), planFile: 'plan.json', name: 'prod')
                            echo "applied creates=${a.creates} commit=${a.commit}"
                            def v = gitopsVerify(path: 'env', target: directory(path: '%s'), name: 'prod')
                            echo "verified drifted=${v.drifted.size()} hasChanges=${v.hasChanges}"
                          }
                        }
                      }
                    }
                  }
                }
                """.formatted(repo, out, out, out), Result.SUCCESS);

        j.assertLogContains("planned creates=2 hasChanges=true file=plan.json", r);
        j.assertLogContains("applied creates=2 commit=" + head(repo), r);
        j.assertLogContains("verified drifted=0 hasChanges=false", r);
        j.assertLogNotContains(SECRET, r);
        assertThat(Files.list(out).count()).as("the directory target holds the applied resources").isPositive();

        List<GitopsPlanAction> actions = r.getActions(GitopsPlanAction.class);
        assertThat(actions).extracting(GitopsPlanAction::getDisplayName)
                .containsExactly("GitOps plan: prod", "GitOps apply: prod", "GitOps verify: prod");
        String stored = Files.readString(new File(r.getRootDir(), "gitops/1.json").toPath(), StandardCharsets.UTF_8);
        assertThat(stored).contains("ConfigMap").doesNotContain(SECRET);
        assertThat(Files.readString(new File(r.getRootDir(), "build.xml").toPath())).doesNotContain("\"changes\"");

        CapturingChecks checks = j.jenkins.getExtensionList(ChecksPublisherFactory.class).get(CapturingChecks.class);
        assertThat(checks.published).extracting(d -> d.getName().orElse(""))
                .containsExactly("GitOps plan: prod", "GitOps apply: prod", "GitOps verify: prod");
        assertThat(checks.published).extracting(ChecksDetails::getConclusion).containsOnly(ChecksConclusion.SUCCESS);
        assertThat(checks.published.get(0).getDetailsURL()).hasValueSatisfying(url -> assertThat(url).endsWith("/gitops-1/"));
    }

    @Test
    void planPageListsResourcesAndServesEachDiffEscapedAndWithoutSecrets(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        WorkflowRun r = run(j, inCheckout(repo, """
                gitopsPlan(path: 'env', target: directory(path: '%s'))
                """.formatted(tmp.resolve("out"))), Result.SUCCESS);

        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage page = wc.getPage(r, "gitops-1");
        String html = page.getWebResponse().getContentAsString();
        assertThat(page.asNormalizedText()).contains("ConfigMap/shop/settings", "Secret/shop/db", "GitOps plan: env",
                "All 2", "Create 2", "env/app.yaml:1");
        assertThat(html).doesNotContain(SECRET, "<script>", " onclick=", " style=\"")
                .contains("data-gitops-diff=\"diff?n=");
        // The diff of a row is its own small response, fetched when the row is opened. The index is the
        // plan's apply order (the Secret comes before the ConfigMap), so each diff is told by its kind.
        String first = wc.goTo(r.getUrl() + "gitops-1/diff?n=0", "text/html").getWebResponse().getContentAsString();
        String second = wc.goTo(r.getUrl() + "gitops-1/diff?n=1", "text/html").getWebResponse().getContentAsString();
        String diff = first.contains("kind: ConfigMap") ? first : second;
        String secretDiff = diff == first ? second : first;
        assertThat(diff).contains("kind: ConfigMap", "gitops-line--add", "&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain(HOSTILE, SECRET);
        assertThat(secretDiff).contains("kind: Secret", "password").doesNotContain(SECRET);

        HtmlPage searched = wc.getPage(r, "gitops-1/?q=secret");
        assertThat(searched.asNormalizedText()).contains("Secret/shop/db").doesNotContain("ConfigMap/shop/settings");
        HtmlPage deletes = wc.getPage(r, "gitops-1/?action=DELETE");
        assertThat(deletes.asNormalizedText()).doesNotContain("ConfigMap/shop/settings");
        HtmlPage build = wc.getPage(r);
        assertThat(build.asNormalizedText()).contains("GitOps plan: env", "2 create");
    }

    @Test
    void applyPageSaysWhatHappenedAndTheJobShowsItsEnvironments(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        Path out = tmp.resolve("out");
        WorkflowRun r = run(j, inCheckout(repo, """
                gitopsPlan(path: 'env', target: directory(path: '%s'), planFile: 'plan.json', name: 'prod')
                gitopsApply(planFile: 'plan.json', target: directory(path: '%s'), name: 'prod')
                gitopsVerify(path: 'env', target: directory(path: '%s'), name: 'prod')
                """.formatted(out, out, out)), Result.SUCCESS);

        JenkinsRule.WebClient wc = j.createWebClient();
        assertThat(wc.getPage(r, "gitops-2").asNormalizedText()).contains("2 created").doesNotContain("2 create ");
        assertThat(wc.getPage(r, "gitops-3").asNormalizedText()).contains("2 in sync");
        // a directory holds no status: the verify claims no health (issue 25.7)
        assertThat(r.getActions(GitopsPlanAction.class).get(2).getTitle()).isEqualTo("In sync (health not observed)");

        HtmlPage deployments = wc.getPage(r.getParent(), "gitops");
        String text = deployments.asNormalizedText();
        assertThat(text).contains("Environments", "prod", head(repo).substring(0, 12), "in sync", "History");
        // the trends are fetched after the page shows (issue 25.10): the page holds their URL, not their data
        assertThat(deployments.getWebResponse().getContentAsString()).contains("data-gitops-chart-url=")
                .doesNotContain(SECRET);
    }

    @Test
    void theJobShowsTheFourKeysPerEnvironmentFromTheNewestBuildAndOldBuildsWithoutThemStillLoad(JenkinsRule j)
            throws Exception {
        Path repo = gitRepository();
        Path out = tmp.resolve("out");
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(inCheckout(repo, """
                gitopsPlan(path: 'env', target: directory(path: '%s'), name: 'prod')
                gitopsApply(path: 'env', target: directory(path: '%s'), name: 'prod', autoApprove: true)
                gitopsVerify(path: 'env', target: directory(path: '%s'), name: 'prod')
                """.formatted(out, out, out)), true));
        j.assertBuildStatusSuccess(p.scheduleBuild2(0));
        Files.writeString(repo.resolve("env/more.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: more\n  namespace: shop\n");
        commit(repo, "more");
        WorkflowRun second = j.assertBuildStatusSuccess(p.scheduleBuild2(0));

        List<GitopsPlanAction> calls = second.getActions(GitopsPlanAction.class);
        assertThat(calls).extracting(a -> a.record().metrics() != null).containsExactly(false, true, true);
        HtmlPage view = j.createWebClient().getPage(p, "gitops");
        String html = view.getWebResponse().getContentAsString();
        assertThat(view.asNormalizedText()).contains("Delivery (DORA)", "Deployment frequency", "2 deployments",
                "Lead time for changes", "1 commit in 1 deployment", "Change failure rate", "0 of 2 deployments",
                "Time to restore", "reported by #2");
        assertThat(html).contains("title=\"Successful applies that changed at least one resource",
                "data-gitops-metrics=\"{&quot;dates&quot;:").doesNotContain(SECRET);

        // build.xml written before the figures existed: no metrics element.
        for (WorkflowRun r : List.of(p.getBuildByNumber(1), second)) {
            Path xml = r.getRootDir().toPath().resolve("build.xml");
            Files.writeString(xml, Files.readString(xml).replaceAll("(?s)<metrics>.*?</metrics>", ""));
        }
        j.jenkins.reload();
        WorkflowJob reloaded = j.jenkins.getItemByFullName("p", WorkflowJob.class);
        assertThat(reloaded.getBuildByNumber(2).getActions(GitopsPlanAction.class)).hasSize(3);
        String old = j.createWebClient().getPage(reloaded, "gitops").asNormalizedText();
        assertThat(old).contains("prod", "No figures", "History").doesNotContain("Deployment frequency");
    }

    @Test
    void driftFailsVerifyAndItsCheck(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        WorkflowRun r = run(j, inCheckout(repo, """
                gitopsVerify(path: 'env', target: directory(path: '%s'), name: 'staging')
                """.formatted(tmp.resolve("empty-target"))), Result.FAILURE);

        j.assertLogContains("gitopsVerify 'staging'", r);
        CapturingChecks checks = j.jenkins.getExtensionList(ChecksPublisherFactory.class).get(CapturingChecks.class);
        assertThat(checks.published).singleElement().satisfies(d -> {
            assertThat(d.getName()).hasValue("GitOps verify: staging");
            assertThat(d.getConclusion()).isEqualTo(ChecksConclusion.FAILURE);
        });
        // The job's view reads the drift from what the build stored (the step's list of drifted resources).
        String view = j.createWebClient().getPage(r.getParent(), "gitops").asNormalizedText();
        assertThat(view).contains("drifted (").doesNotContain("in sync");
    }

    @Test
    void missingCredentialFailsNamingIt(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        WorkflowRun r = run(j, inCheckout(repo, """
                gitopsPlan(path: 'env', target: kubernetes(credentialsId: 'no-such-kubeconfig', namespace: 'shop'))
                """), Result.FAILURE);

        j.assertLogContains("no credential 'no-such-kubeconfig'", r);
        CapturingChecks checks = j.jenkins.getExtensionList(ChecksPublisherFactory.class).get(CapturingChecks.class);
        assertThat(checks.published).singleElement()
                .satisfies(d -> assertThat(d.getConclusion()).isEqualTo(ChecksConclusion.FAILURE));
    }

    @Test
    void separateConfigurationRepositoryIsClonedWithGitClient(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        WorkflowRun r = run(j, """
                node {
                  def p = gitopsPlan(path: 'env', source: gitRepository(url: '%s', ref: 'main'),
                                     target: directory(path: 'out'))
                  echo "commit=${p.commit}"
                }
                """.formatted(repo.toUri()), Result.SUCCESS);

        j.assertLogContains("commit=" + head(repo), r);
    }

    @Test
    void snippetsRoundTrip(JenkinsRule j) throws Exception {
        SnippetizerTester st = new SnippetizerTester(j);
        GitopsPlanStep plan = new GitopsPlanStep();
        plan.setPath("environments/prod");
        plan.setTarget(new DirectoryGitopsTarget("out"));
        plan.setPlanFile("plan.json");
        st.assertRoundTrip(plan, "gitopsPlan path: 'environments/prod', planFile: 'plan.json', target: directory('out')");

        KubernetesGitopsTarget cluster = new KubernetesGitopsTarget("prod-kubeconfig");
        cluster.setNamespace("shop");
        GitopsVerifyStep verify = new GitopsVerifyStep();
        verify.setTarget(cluster);
        verify.setWait(true);
        verify.setFailOnDrift(false);
        st.assertRoundTrip(verify, "gitopsVerify failOnDrift: false, target: kubernetes(credentialsId: 'prod-kubeconfig',"
                + " namespace: 'shop'), wait: true");

        GitopsApplyStep apply = new GitopsApplyStep();
        apply.setPlanFile("plan.json");
        apply.setTarget(new DirectoryGitopsTarget("out"));
        apply.setSource(new GitRepositorySource("https://git.example.com/config.git"));
        st.assertRoundTrip(apply, "gitopsApply planFile: 'plan.json', source: gitRepository('https://git.example.com/config.git'),"
                + " target: directory('out')");
    }

    @Test
    void credentialVarsAreResolvedOnTheControllerAndTheirValueIsNowhereInTheBuild(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        // In a Secret the engine masks it; in the ConfigMap only the credential's masking keeps it out of the log.
        Files.writeString(repo.resolve("env/token.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: api
                  namespace: shop
                stringData:
                  token: ${API_TOKEN}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: echo
                  namespace: shop
                data:
                  token: ${API_TOKEN}
                """);
        commit(repo, "token from a credential");
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "api-token", "API token", Secret.fromString(TOKEN)));
        Path out = tmp.resolve("out");
        j.createOnlineSlave(Label.get("gitops-agent"));
        WorkflowRun r = run(j, """
                node('gitops-agent') {
                  dir('%s') {
                    gitopsPlan(path: 'env', target: directory(path: '%s'), planFile: 'plan.json',
                               credentialVars: [API_TOKEN: 'api-token'], logDiffs: true)
                    gitopsApply(planFile: 'plan.json', target: directory(path: '%s'), credentialVars: [API_TOKEN: 'api-token'])
                  }
                }
                """.formatted(repo, out, out), Result.SUCCESS);

        j.assertLogContains("masking the values of credentialVars API_TOKEN", r);
        // The engine masks the value in the parsed object, so YAML quotes the mask as it quotes any '*' scalar.
        j.assertLogContains("+  token: '****'", r);
        j.assertLogContains("created ConfigMap/shop/echo", r);
        assertThat(read(repo.resolve("plan.json"))).as("the plan file in the workspace (issue 25 point 1)")
                .doesNotContain(TOKEN).contains("token: '****'");
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).anyMatch(f -> read(f).contains(TOKEN)))
                    .as("the value reached the target, so it was resolved and substituted").isTrue();
        }
        try (var files = Files.walk(r.getRootDir().toPath())) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> read(f).contains(TOKEN)).toList())
                    .as("build files holding the credential's value").isEmpty();
        }
    }

    /**
     * examples/Jenkinsfile's flow on Kubernetes: the apply of the saved plan gives no path:, so the plan's path names
     * the inventory (not "default") and the call's label.
     */
    @Test
    void aSavedKubernetesPlanIsAppliedWithoutItsPathAndVerifiedHealthy(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        try (FakeApiServer api = new FakeApiServer()) {
            addKubeconfigCredential(j, api);
            j.createOnlineSlave(Label.get("gitops-agent"));
            WorkflowRun r = run(j, """
                    node('gitops-agent') {
                      dir('%s') {
                        gitopsPlan(path: 'env', planFile: 'env.plan.json', target: kubernetes(credentialsId: 'kc', namespace: 'shop'))
                        gitopsApply(planFile: 'env.plan.json', target: kubernetes(credentialsId: 'kc', namespace: 'shop'))
                        gitopsVerify(path: 'env', wait: true, timeout: 'PT1M', target: kubernetes(credentialsId: 'kc', namespace: 'shop'))
                      }
                    }
                    """.formatted(repo), Result.SUCCESS);

            j.assertLogContains("Apply complete: 2 created, 0 updated, 0 deleted, 0 unchanged.", r);
            j.assertLogContains("No drift: the target matches commit " + head(repo), r);
            assertThat(api.client().configMaps().inNamespace("shop").withName("settings").get()).isNotNull();
            assertThat(api.client().configMaps().inNamespace("gitops-system").withName("env").get().getData()
                    .get("resources")).contains("settings");
            assertThat(api.client().configMaps().inNamespace("gitops-system").withName("default").get()).isNull();
            assertThat(r.getActions(GitopsPlanAction.class)).extracting(GitopsPlanAction::getDisplayName)
                    .containsExactly("GitOps plan: env", "GitOps apply: env", "GitOps verify: env");
        }
    }

    /** Issue 25.3: the page of a failed apply says which resource failed and why, and the build keeps every outcome. */
    @Test
    void aFailedApplysPageNamesTheResourceThatFailedAndWhy(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        try (FakeApiServer api = new FakeApiServer()) {
            addKubeconfigCredential(j, api);
            api.fail("PATCH", "/api/v1/namespaces/shop/secrets/db", 403, java.util.Map.of("kind", "Status",
                    "apiVersion", "v1", "status", "Failure", "code", 403, "reason", "Forbidden", "message",
                    "secrets \"db\" is forbidden"), 1);
            WorkflowRun r = run(j, inCheckout(repo, """
                    gitopsApply(path: 'env', autoApprove: true, target: kubernetes(credentialsId: 'kc', namespace: 'shop'))
                    """), Result.FAILURE);

            GitopsPlanAction apply = r.getActions(GitopsPlanAction.class).get(0);
            assertThat(apply.getTitle()).isEqualTo("Apply failed for 1 resource(s)");
            String page = j.createWebClient().getPage(r, apply.getUrlName()).asNormalizedText();
            assertThat(page).contains("What the apply did", "1 failed", "Secret/shop/db", "forbidden: patch Secret/shop/db");
            assertThat(Files.readString(new File(r.getRootDir(), "gitops/1.json").toPath()))
                    .contains("\"outcomes\"", "FAILED", "SKIPPED").doesNotContain(SECRET);
            CapturingChecks checks = j.jenkins.getExtensionList(ChecksPublisherFactory.class).get(CapturingChecks.class);
            assertThat(checks.published).extracting(ChecksDetails::getConclusion).containsExactly(ChecksConclusion.FAILURE);
        }
    }

    /** Issue 25.4: a saved plan keeps its name; its apply, also when refused as stale, is labelled by it. */
    @Test
    void theApplyOfANamedSavedPlanAndItsRefusalKeepThePlansName(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        Path out = tmp.resolve("out");
        WorkflowRun r = run(j, inCheckout(repo, """
                gitopsPlan(path: 'env', name: 'staging', target: directory(path: '%s'), planFile: 'staging.plan.json')
                gitopsApply(planFile: 'staging.plan.json', target: directory(path: '%s'))
                gitopsApply(planFile: 'staging.plan.json', target: directory(path: '%s'))
                """.formatted(out, out, out)), Result.FAILURE);

        assertThat(r.getActions(GitopsPlanAction.class)).extracting(GitopsPlanAction::getDisplayName)
                .containsExactly("GitOps plan: staging", "GitOps apply: staging", "GitOps apply: staging");
        assertThat(r.getActions(GitopsPlanAction.class).get(2).isSuccess()).isFalse();
    }

    /**
     * Issue 25.10: the job's view is contributed by the last GitOps build, reads the builds once per new build (the
     * snapshot is reused until then), and its trends are fetched from chartJson after the page shows.
     */
    @Test
    void theDeploymentsViewReadsTheBuildsAgainOnlyAfterANewBuild(JenkinsRule j) throws Exception {
        WorkflowJob job = jobWithOneVerify(j);

        GitopsDeploymentsAction view = job.getAction(GitopsDeploymentsAction.class);
        assertThat(view).isNotNull();
        assertThat(job.getActions(GitopsDeploymentsAction.class)).hasSize(1);
        GitopsDeploymentsAction.Snapshot first = view.getSnapshot();
        assertThat(job.getAction(GitopsDeploymentsAction.class).getSnapshot()).isSameAs(first);
        String trends = j.createWebClient().goTo(job.getUrl() + "gitops/chartJson", "text/plain").getWebResponse()
                .getContentAsString();
        assertThat(trends).contains("\"builds\"");
        assertThat(j.createWebClient().getPage(job, "gitops").getWebResponse().getContentAsString())
                .contains("data-gitops-chart-url=").doesNotContain("data-gitops-chart=\"");

        j.buildAndAssertSuccess(job);

        assertThat(view.getSnapshot()).isNotSameAs(first);
    }

    /**
     * Issue 25.10: the view stays while the builds it reads hold a GitOps step call, also after more than ten later
     * builds without one (core's LastBuildAction factory asks only the last successful build).
     */
    @Test
    void theDeploymentsViewStaysAfterBuildsWithoutAGitopsStep(JenkinsRule j) throws Exception {
        WorkflowJob job = jobWithOneVerify(j);
        job.setDefinition(new CpsFlowDefinition("echo 'no GitOps step'", true));
        for (int i = 0; i < 11; i++) {
            j.buildAndAssertSuccess(job);
        }

        assertThat(job.getActions(GitopsDeploymentsAction.class)).hasSize(1);
        assertThat(j.createWebClient().getPage(job, "gitops").asNormalizedText()).contains("prod", "History");
    }

    /** Issue 25.8: a saved plan applied in a checkout that has moved on says which commit it applies. */
    @Test
    void aSavedPlanAppliedInANewerCheckoutNamesBothCommits(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        String reviewed = head(repo);
        Path out = tmp.resolve("out");
        run(j, inCheckout(repo, """
                gitopsPlan(path: 'env', target: directory(path: '%s'), planFile: 'plan.json')
                """.formatted(out)), Result.SUCCESS);
        Files.writeString(repo.resolve("README.md"), "newer\n");
        commit(repo, "a newer commit");
        WorkflowJob applying = j.jenkins.createProject(WorkflowJob.class, "apply");
        applying.setDefinition(new CpsFlowDefinition(inCheckout(repo, """
                gitopsApply(planFile: 'plan.json', target: directory(path: '%s'))
                """.formatted(out)), true));

        WorkflowRun r = j.buildAndAssertSuccess(applying);

        j.assertLogContains("the plan in plan.json is for commit " + reviewed.substring(0, 12) + " while the workspace is at "
                + head(repo).substring(0, 12), r);
        assertThat(r.getActions(GitopsPlanAction.class).get(0).getCommit()).isEqualTo(reviewed);
    }

    /** Issue 25.9: outside any job (the global Snippet Generator) an administrator sees the credentials to choose. */
    @Test
    void theGlobalSnippetGeneratorListsCredentialsForAnAdministrator(JenkinsRule j) throws Exception {
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "cluster-token", "token", Secret.fromString("x")));
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.SYSTEM, "jenkins-own", "for Jenkins only", Secret.fromString("y")));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy().grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("dev").grant(Jenkins.READ).everywhere().to("viewer"));
        WorkflowJob job = j.jenkins.createProject(WorkflowJob.class, "p");
        KubernetesGitopsTarget.DescriptorImpl d = j.jenkins.getDescriptorByType(KubernetesGitopsTarget.DescriptorImpl.class);

        // As the form's request runs: as the user who opened it, not as SYSTEM (the global store answers SYSTEM only).
        try (ACLContext admin = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(d.doFillCredentialsIdItems(null, "")).extracting(o -> o.value)
                    .contains("cluster-token").doesNotContain("jenkins-own");
        }
        try (ACLContext dev = ACL.as2(User.getById("dev", true).impersonate2())) {
            assertThat(d.doFillCredentialsIdItems(job, "")).extracting(o -> o.value)
                    .contains("cluster-token").doesNotContain("jenkins-own");
            assertThat(d.doFillCredentialsIdItems(null, "")).extracting(o -> o.value).doesNotContain("cluster-token");
        }
        try (ACLContext viewer = ACL.as2(User.getById("viewer", true).impersonate2())) {
            assertThat(d.doFillCredentialsIdItems(job, "")).extracting(o -> o.value).doesNotContain("cluster-token");
        }
        GitBranchGitopsTarget.DescriptorImpl git = j.jenkins.getDescriptorByType(GitBranchGitopsTarget.DescriptorImpl.class);
        assertThat(git.doCheckBranch(null, " ").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(git.doCheckBranch(null, "env/staging").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(git.doCheckAuthor(null, "jenkins").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(git.doCheckAuthor(null, "Deploy Bot <deploy@example.com>").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void theEngineLinesOfAStepComeBeforeTheNextStepsOutput(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        j.createOnlineSlave(Label.get("gitops-agent"));
        WorkflowRun r = run(j, """
                node('gitops-agent') {
                  dir('%s') {
                    gitopsPlan(path: 'env', target: directory(path: '%s'))
                    echo 'NEXT-STEP'
                  }
                }
                """.formatted(repo, tmp.resolve("out")), Result.SUCCESS);

        String log = JenkinsRule.getLog(r);
        assertThat(log.indexOf("Plan: 2 to create")).as("the plan's counts, written on the agent").isNotNegative()
                .isLessThan(log.indexOf("NEXT-STEP"));
    }

    @Test
    void theLogListsOneLinePerChangeAndTheDiffsOnlyWithLogDiffs(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        WorkflowRun r = run(j, inCheckout(repo, """
                gitopsPlan(path: 'env', target: directory(path: '%s'), name: 'short')
                gitopsPlan(path: 'env', target: directory(path: '%s'), name: 'full', logDiffs: true)
                """.formatted(tmp.resolve("out"), tmp.resolve("out"))), Result.SUCCESS);

        String log = JenkinsRule.getLog(r);
        String shortCall = log.substring(log.indexOf("[gitops] plan 'short'"), log.indexOf("[gitops] plan 'full'"));
        String fullCall = log.substring(log.indexOf("[gitops] plan 'full'"));
        assertThat(shortCall).contains("+ create ConfigMap/shop/settings", "+ create Secret/shop/db",
                "diffs: on the page GitOps plan: short").doesNotContain("+++ desired/");
        assertThat(fullCall).contains("+++ desired/ConfigMap/shop/settings").doesNotContain("diffs: on the page");
    }

    @Test
    void anApplyOfASavedPlanIsLabelledByThePlansPath(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        Path out = tmp.resolve("out");
        WorkflowRun r = run(j, inCheckout(repo, """
                gitopsPlan(path: 'env', target: directory(path: '%s'), planFile: 'env.plan.json')
                gitopsApply(planFile: 'env.plan.json', target: directory(path: '%s'))
                """.formatted(out, out)), Result.SUCCESS);

        j.assertLogContains("[gitops] apply the plan saved in env.plan.json", r);
        j.assertLogContains("Apply complete: 2 created, 0 updated, 0 deleted, 0 unchanged.", r);
        GitopsPlanAction apply = r.getActions(GitopsPlanAction.class).get(1);
        assertThat(apply.getTitle()).isEqualTo("Applied: 2 created, 0 updated, 0 deleted, 0 unchanged");
        assertThat(j.createWebClient().getPage(r).asNormalizedText())
                .contains("GitOps apply: env", "2 created") // the summary row says it with count badges
                .doesNotContain("GitOps apply: .");
        // the saved plan recorded the build that made it, which the apply's page names
        assertThat(apply.getHeaderHtml()).contains("Planned by", r.getFullDisplayName()); // a plain job name
        assertThat(r.getActions(GitopsPlanAction.class)).extracting(GitopsPlanAction::getDisplayName)
                .containsExactly("GitOps plan: env", "GitOps apply: env");
        CapturingChecks checks = j.jenkins.getExtensionList(ChecksPublisherFactory.class).get(CapturingChecks.class);
        assertThat(checks.published).extracting(d -> d.getName().orElse(""))
                .containsExactly("GitOps plan: env", "GitOps apply: env");
    }

    @Test
    void invalidInputLeavesAPageWithTheProblemsAndAFailedCheck(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        Files.writeString(repo.resolve("env/broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n");
        commit(repo, "broken manifest");
        WorkflowRun r = run(j, inCheckout(repo, """
                gitopsPlan(path: 'env', target: directory(path: '%s'), name: 'broken')
                """.formatted(tmp.resolve("out"))), Result.FAILURE);

        GitopsPlanAction action = r.getAction(GitopsPlanAction.class);
        assertThat(action.getDisplayName()).isEqualTo("GitOps plan: broken");
        assertThat(action.isSuccess()).isFalse();
        assertThat(action.isPlanAvailable()).isFalse();
        assertThat(action.getError()).containsPattern("env/broken\\.yaml:\\d+: invalid YAML");
        HtmlPage page = j.createWebClient().getPage(r, action.getUrlName());
        assertThat(page.asNormalizedText()).containsPattern("env/broken\\.yaml:\\d+: invalid YAML");
        // The build's own page: its summary row names the first problem, not only the line that introduces them.
        assertThat(j.createWebClient().getPage(r).asNormalizedText())
                .containsPattern("nothing was applied: env/broken\\.yaml:\\d+: invalid YAML");
        CapturingChecks checks = j.jenkins.getExtensionList(ChecksPublisherFactory.class).get(CapturingChecks.class);
        assertThat(checks.published).singleElement().satisfies(d -> {
            assertThat(d.getName()).hasValue("GitOps plan: broken");
            assertThat(d.getConclusion()).isEqualTo(ChecksConclusion.FAILURE);
            assertThat(d.getOutput()).hasValueSatisfying(o -> assertThat(o.getSummary()).hasValueSatisfying(
                    summary -> assertThat(summary).containsPattern("env/broken\\.yaml:\\d+: invalid YAML")));
        });
    }

    /** helm and kubectl are found as the build's environment has them (withEnv, tool installers), not the agent JVM's. */
    @Test
    void theHelmAWithEnvNamesIsTheOneTheRenderUses(JenkinsRule j) throws Exception {
        Path repo = gitRepository();
        WorkflowRun r = run(j, inCheckout(repo, """
                withEnv(['GITOPS_HELM=/no/such/helm']) {
                  gitopsPlan(path: 'env', target: directory(path: '%s'))
                }
                """.formatted(tmp.resolve("out"))), Result.FAILURE);

        j.assertLogContains("GITOPS_HELM=/no/such/helm is not an executable file", r);
    }

    @Test
    void aControllerSideFailureLeavesAPageAndAFailedCheckToo(JenkinsRule j) throws Exception {
        WorkflowRun r = run(j, """
                node {
                  gitopsPlan(path: 'env', target: directory(path: 'out'), name: 'nowhere')
                }
                """, Result.FAILURE);

        j.assertLogContains("is not a Git checkout with a commit", r);
        GitopsPlanAction action = r.getAction(GitopsPlanAction.class);
        assertThat(action.getError()).contains("is not a Git checkout with a commit");
        CapturingChecks checks = j.jenkins.getExtensionList(ChecksPublisherFactory.class).get(CapturingChecks.class);
        assertThat(checks.published).singleElement()
                .satisfies(d -> assertThat(d.getConclusion()).isEqualTo(ChecksConclusion.FAILURE));
    }

    @Test
    void theDirectoryCheckAcceptsAbsoluteAndRelativePathsAsItsHelpSays(JenkinsRule j) throws Exception {
        DirectoryGitopsTarget.DescriptorImpl d = j.jenkins.getDescriptorByType(DirectoryGitopsTarget.DescriptorImpl.class);

        assertThat(d.doCheckPath(null, tmp.toAbsolutePath().toString()).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckPath(null, "out").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckPath(null, " ").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckPath(null, " ").getMessage()).contains("or absolute");
    }

    @Test
    void theBranchCheckRefusesWhatGitRefusesAsABranchName(JenkinsRule j) throws Exception {
        GitBranchGitopsTarget.DescriptorImpl d = j.jenkins.getDescriptorByType(GitBranchGitopsTarget.DescriptorImpl.class);

        assertThat(d.doCheckBranch(null, "env/staging").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckBranch(null, " ").getMessage()).contains("Give the environment branch");
        for (String bad : List.of("main x", "a..b", "env/staging:", "main~1", "x.lock")) {
            FormValidation check = d.doCheckBranch(null, bad);
            assertThat(check.kind).as(bad).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(check.getMessage()).contains("not a valid Git branch name");
        }
    }

    /** A secret file credential {@code kc} holding a kubeconfig for the fake API server. */
    private void addKubeconfigCredential(JenkinsRule j, FakeApiServer api) throws Exception {
        byte[] kubeconfig = Files.readAllBytes(api.writeKubeconfig(tmp.resolve("kubeconfig")));
        CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                new FileCredentialsImpl(CredentialsScope.GLOBAL, "kc", "kubeconfig", "kubeconfig",
                        SecretBytes.fromBytes(kubeconfig)));
    }

    /** A job whose one build verified the repository's environment 'prod' (drift reported, not failed). */
    private WorkflowJob jobWithOneVerify(JenkinsRule j) throws Exception {
        return run(j, inCheckout(gitRepository(), """
                gitopsVerify(path: 'env', name: 'prod', failOnDrift: false, target: directory(path: '%s'))
                """.formatted(tmp.resolve("out"))), Result.SUCCESS).getParent();
    }

    /** A scripted Pipeline that runs {@code steps} on a node, in the checkout {@code repo}. */
    private static String inCheckout(Path repo, String steps) {
        return "node {\n  dir('" + repo + "') {\n" + steps.indent(4) + "  }\n}\n";
    }

    private static WorkflowRun run(JenkinsRule j, String script, Result expected) throws Exception {
        WorkflowJob p = j.jenkins.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, p.scheduleBuild2(0));
    }

    /** A repository on branch main with a ConfigMap carrying a hostile value and a Secret. */
    private Path gitRepository() throws Exception {
        Path repo = tmp.resolve("config");
        Files.createDirectories(repo.resolve("env"));
        Files.writeString(repo.resolve("env/app.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: shop
                  annotations:
                    note: "%s"
                data:
                  banner: "%s"
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  namespace: shop
                stringData:
                  password: %s
                """.formatted(HOSTILE, HOSTILE, SECRET));
        git(repo, "init", "-q", "-b", "main");
        commit(repo, "desired state");
        return repo;
    }

    private static void commit(Path repo, String message) throws Exception {
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String head(Path repo) throws Exception {
        Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(repo.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    /** Captures published checks instead of sending them to an SCM platform. */
    @TestExtension
    public static final class CapturingChecks extends ChecksPublisherFactory {
        final List<ChecksDetails> published = new CopyOnWriteArrayList<>();

        @Override
        protected Optional<ChecksPublisher> createPublisher(Run<?, ?> run, TaskListener listener) {
            return Optional.of(new ChecksPublisher() {
                @Override
                public void publish(ChecksDetails details) {
                    published.add(details);
                }
            });
        }
    }
}
