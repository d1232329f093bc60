package io.jenkins.plugins.gitops;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import hudson.model.Cause;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanSummary;
import io.jenkins.plugins.gitops.pages.BuildPath;
import io.jenkins.plugins.gitops.pages.ErrorHeadline;
import io.jenkins.plugins.gitops.pages.PageLinks;
import io.jenkins.plugins.gitops.pages.Phase;
import io.jenkins.plugins.gitops.pages.PlanHtml;
import io.jenkins.plugins.gitops.pages.StepRecord;
import io.jenkins.plugins.gitops.steps.StepPage;
import io.jenkins.plugins.gitops.steps.StepResponse;
import io.jenkins.plugins.gitops.steps.StepResult;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.springframework.security.access.AccessDeniedException;

/**
 * The page of one step call ({@code gitops-1}, {@code gitops-2}, ...: a build may plan staging and prod).
 * Only counts and labels go into build.xml; the plan, which may hold 10,000 diffs, is kept in
 * {@code gitops/<n>.json} in the build directory and read when the page is shown. The page lists one page
 * of resources; each diff is fetched from {@code diff?n=<index>} when its row is opened.
 */
public final class GitopsPlanAction implements RunAction2, SimpleBuildStep.LastBuildAction {
    static final int PAGE_SIZE = 50;
    static final String ICON = "symbol-gitops plugin-gitops-pipeline";

    private final int index;
    private final String kind;
    private final String name;
    private final String title;
    private final boolean success;
    private final int creates;
    private final int updates;
    private final int deletes;
    private final int unchanged;
    private final String commit;
    /** Why the call failed before it had a plan (invalid input, the target refused, ...); null otherwise. */
    private final String error;
    private final String target;
    private final String user;
    private final long time;
    private final boolean drifted;
    /** An ArrayList, which XStream writes plainly to build.xml (a JDK immutable list needs its private serial proxy). */
    private final ArrayList<String> unhealthy;
    private final String plannedBy;
    /**
     * The environment's DORA figures the apply or verify reported (a MetricsReport as JSON, a few KB), for the job's
     * deployments view; null for a plan, when they could not be computed, and in build.xml written before it existed.
     */
    @CheckForNull
    private final String metrics;

    private transient Run<?, ?> run;
    private transient SoftReference<StepPage> page = new SoftReference<>(null);

    private GitopsPlanAction(int index, String kind, String name, StepResponse response, @CheckForNull StepPage page,
            String user) {
        Plan plan = page == null ? null : page.plan();
        this.index = index;
        this.kind = kind;
        this.name = name;
        this.title = response.checkTitle();
        this.success = response.success();
        this.error = response.error();
        // No result when the call failed before it had a plan: nothing counted, no commit.
        StepResult result = response.result();
        this.creates = result == null ? 0 : result.creates();
        this.updates = result == null ? 0 : result.updates();
        this.deletes = result == null ? 0 : result.deletes();
        this.unchanged = result == null ? 0 : result.unchanged();
        this.commit = result == null ? null : result.commit();
        this.target = plan == null ? "" : plan.target();
        this.plannedBy = plan == null ? null : plan.plannedBy();
        this.user = user;
        this.time = System.currentTimeMillis();
        this.drifted = result != null && !result.drifted().isEmpty();
        this.unhealthy = result == null ? new ArrayList<>() : new ArrayList<>(result.unhealthy());
        this.page = new SoftReference<>(page);
        this.metrics = response.metrics();
    }

    /**
     * Attaches the page of one step call. Its plan and an apply's outcomes, written on the agent as
     * {@code planOnAgent} (null when the call failed before a plan existed), are copied into the build directory as a
     * stream; parallel branches each get their own number.
     */
    static GitopsPlanAction record(Run<?, ?> run, String kind, String name, StepResponse response,
            @CheckForNull FilePath planOnAgent) throws IOException, InterruptedException {
        int index = claimIndex(run);
        StepPage page = null;
        if (planOnAgent != null) {
            Path file = planFile(run, index);
            planOnAgent.copyTo(new FilePath(file.toFile()));
            page = StepPage.read(file);
        }
        GitopsPlanAction action = new GitopsPlanAction(index, kind, name, response, page, user(run));
        run.addAction(action);
        return action;
    }

    /**
     * The next free number, claimed by creating its file: creation either succeeds or finds the file, so two
     * branches never share a number and no lock on the build is needed.
     */
    private static int claimIndex(Run<?, ?> run) throws IOException {
        Path dir = planFile(run, 1).getParent();
        Files.createDirectories(dir);
        for (int index = run.getActions(GitopsPlanAction.class).size() + 1;; index++) {
            try {
                Files.createFile(planFile(run, index));
                return index;
            } catch (FileAlreadyExistsException e) {
                // taken by a parallel branch: try the next
            }
        }
    }

    private static Path planFile(Run<?, ?> run, int index) {
        return run.getRootDir().toPath().resolve("gitops").resolve(index + ".json");
    }

    private static String user(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause != null && cause.getUserId() != null ? cause.getUserId() : "jenkins";
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }

    /** XStream skips the constructor and field initializers; restore the empty cache. */
    private Object readResolve() {
        page = new SoftReference<>(null);
        return this;
    }

    /**
     * The job's deployments view, from the first step call of the job's last successful build (Jenkins asks that
     * build's actions): one view per job, found without reading any other build.
     */
    @Override
    public Collection<? extends hudson.model.Action> getProjectActions() {
        List<GitopsPlanAction> calls = run == null ? List.of() : run.getActions(GitopsPlanAction.class);
        return !calls.isEmpty() && calls.get(0) == this ? List.of(new GitopsDeploymentsAction(run.getParent()))
                : List.of();
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return ICON;
    }

    @Override
    public String getDisplayName() {
        return GitopsChecks.checkName(kind, name);
    }

    @Override
    public String getUrlName() {
        return "gitops-" + index;
    }

    public String getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public String getTitle() {
        return title;
    }

    public boolean isSuccess() {
        return success;
    }

    public String getCommit() {
        return commit;
    }

    /** The title badge's colour: failed, drift or unhealthy (warning), applied (success), else neutral. */
    public String getTitleCss() {
        if (!success) {
            return "failed";
        }
        if (drifted || !unhealthy.isEmpty()) {
            return "update";
        }
        return "apply".equals(kind) ? "create" : "noop";
    }

    public String getTarget() {
        return target;
    }

    @CheckForNull
    public String getError() {
        return error;
    }

    /** One line of the error as HTML, for the build's summary (the page has all of it). */
    @CheckForNull
    public String getErrorHeadlineHtml() {
        return error == null ? null : ErrorHeadline.html(error);
    }

    /** Whether the call left a plan to show (a call that failed on its input did not). */
    public boolean isPlanAvailable() throws IOException {
        return Files.size(planFile(run, index)) > 0;
    }

    /** Plan and verify words before the fact; an apply that succeeded says what it did. */
    Phase phase() {
        return switch (kind) {
            case "verify" -> Phase.VERIFY;
            case "apply" -> success ? Phase.APPLIED : Phase.PLAN;
            default -> Phase.PLAN;
        };
    }

    /** Coloured count badges in the words of the phase (rendered and escaped by gitops-pages). */
    public String getCountsHtml() {
        return PlanHtml.counts(new PlanSummary(creates, updates, deletes, unchanged), phase());
    }

    /** Commit (linked where the host is known), path, target, which builds planned and applied it, health. */
    public String getHeaderHtml() throws IOException {
        String applied = "apply".equals(kind) && run != null ? run.getFullDisplayName() : null;
        // Only an apply names the build that planned it: a plan's own page would name itself.
        String planned = "apply".equals(kind) ? plannedBy : null;
        PageLinks links = new PageLinks(planned == null ? null : plannedLabel(), relative(planned), applied,
                applied == null ? null : "/" + run.getUrl());
        return PlanHtml.header(plan(), phase(), links) + PlanHtml.outcomes(page().outcomes())
                + PlanHtml.unhealthy(unhealthy);
    }

    /** One page of resources: bad query values fall back to the first page of everything. */
    public String changesHtml(@CheckForNull String page, @CheckForNull String action, @CheckForNull String q)
            throws IOException {
        return PlanHtml.changesPage(plan(), phase(), new PlanHtml.Query(filter(action), q, pageNumber(page), PAGE_SIZE));
    }

    /** The diff of one resource, fetched by the page's script when its row is opened. */
    public HttpResponse doDiff(@QueryParameter String n) throws IOException {
        return HttpResponses.literalHtml(PlanHtml.diff(plan(), index(n), phase()));
    }

    private static int index(@CheckForNull String n) {
        try {
            return n == null ? -1 : Integer.parseInt(n.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What the per-job deployments view reads of this call. */
    StepRecord record() {
        StepRecord.Build build = new StepRecord.Build(run.getNumber(), "/" + run.getUrl(), Instant.ofEpochMilli(time),
                user);
        return new StepRecord(build, kind, name, target == null ? "" : target, commit,
                new PlanSummary(creates, updates, deletes, unchanged),
                new StepRecord.Outcome(success, drifted, unhealthy == null ? 0 : unhealthy.size()), metrics);
    }

    /** The planning build as Jenkins names it ("shop » prod #12") when it is one of this Jenkins the user may read. */
    private String plannedLabel() {
        String root = Jenkins.get().getRootUrl();
        String path = root != null && plannedBy.startsWith(root) ? plannedBy.substring(root.length()) : plannedBy;
        return BuildPath.parse(path).map(build -> {
            try {
                Job<?, ?> job = Jenkins.get().getItemByFullName(build.jobFullName(), Job.class);
                Run<?, ?> planner = job == null ? null : job.getBuildByNumber(build.number());
                return planner == null ? null : planner.getFullDisplayName();
            } catch (AccessDeniedException e) {
                return null;
            }
        }).orElse(path);
    }

    /** A build URL of this Jenkins as a site-relative link; other addresses are kept as they are. */
    @CheckForNull
    private static String relative(@CheckForNull String url) {
        String root = Jenkins.get().getRootUrl();
        return url != null && root != null && url.startsWith(root) ? "/" + url.substring(root.length()) : url;
    }

    static int pageNumber(@CheckForNull String page) {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @CheckForNull
    static Action filter(@CheckForNull String action) {
        if (action == null || action.isBlank()) {
            return null;
        }
        try {
            return Action.valueOf(action.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Plan plan() throws IOException {
        return page().plan();
    }

    /** The plan and outcomes kept in the build directory; builds kept before outcomes were hold a plain plan file. */
    private StepPage page() throws IOException {
        StepPage loaded = page.get();
        if (loaded == null) {
            Path file = planFile(run, index);
            loaded = StepPage.fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            page = new SoftReference<>(loaded);
        }
        return loaded;
    }
}
