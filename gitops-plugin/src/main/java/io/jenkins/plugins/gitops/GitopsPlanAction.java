package io.jenkins.plugins.gitops;

import io.jenkins.plugins.gitops.steps.StepResponse;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.gitops.engine.plan.Action;
import io.jenkins.plugins.gitops.engine.plan.Plan;
import io.jenkins.plugins.gitops.engine.plan.PlanFile;
import io.jenkins.plugins.gitops.engine.report.PlanHtml;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * The page of one step call ({@code gitops-1}, {@code gitops-2}, ...: a build may plan staging and prod).
 * Only counts and labels go into build.xml; the plan, which may hold 10,000 diffs, is kept in
 * {@code gitops/<n>.json} in the build directory and read when the page is shown.
 */
public final class GitopsPlanAction implements RunAction2 {
    static final int PAGE_SIZE = 50;

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

    private transient Run<?, ?> run;
    private transient SoftReference<Plan> plan = new SoftReference<>(null);

    private GitopsPlanAction(int index, String kind, String name, StepResponse response) {
        this.index = index;
        this.kind = kind;
        this.name = name;
        this.title = response.checkTitle();
        this.success = response.success();
        Map<String, Object> result = response.result();
        this.creates = (Integer) result.get("creates");
        this.updates = (Integer) result.get("updates");
        this.deletes = (Integer) result.get("deletes");
        this.unchanged = (Integer) result.get("unchanged");
        this.commit = (String) result.get("commit");
    }

    /** Stores the plan beside the build and attaches the page; parallel branches each get their own number. */
    static GitopsPlanAction record(Run<?, ?> run, String kind, String name, StepResponse response)
            throws IOException {
        synchronized (run) {
            int index = run.getActions(GitopsPlanAction.class).size() + 1;
            Path file = planFile(run, index);
            Files.createDirectories(file.getParent());
            Files.writeString(file, response.planJson(), StandardCharsets.UTF_8);
            GitopsPlanAction action = new GitopsPlanAction(index, kind, name, response);
            run.addAction(action);
            return action;
        }
    }

    private static Path planFile(Run<?, ?> run, int index) {
        return run.getRootDir().toPath().resolve("gitops").resolve(index + ".json");
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
        plan = new SoftReference<>(null);
        return this;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-changes";
    }

    @Override
    public String getDisplayName() {
        return "GitOps " + kind + ": " + name;
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

    public int getCreates() {
        return creates;
    }

    public int getUpdates() {
        return updates;
    }

    public int getDeletes() {
        return deletes;
    }

    public int getUnchanged() {
        return unchanged;
    }

    public String getCommit() {
        return commit;
    }

    /** Escaped HTML of the counts (from the engine's tested renderer). */
    public String getSummaryHtml() throws IOException {
        return PlanHtml.summary(plan());
    }

    /**
     * Escaped HTML of one page of changes, optionally of one action; bad query values fall back to the
     * first page of all changes rather than failing the page.
     */
    public String changesHtml(@CheckForNull String page, @CheckForNull String action) throws IOException {
        return PlanHtml.changesPage(plan(), filter(action), pageNumber(page), PAGE_SIZE);
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
        Plan loaded = plan.get();
        if (loaded == null) {
            Path file = planFile(run, index);
            loaded = PlanFile.fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            plan = new SoftReference<>(loaded);
        }
        return loaded;
    }
}
