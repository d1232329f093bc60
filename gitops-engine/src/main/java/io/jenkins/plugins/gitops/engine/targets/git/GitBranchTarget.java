package io.jenkins.plugins.gitops.engine.targets.git;

import io.jenkins.plugins.gitops.engine.GitopsException;
import io.jenkins.plugins.gitops.engine.Json;
import io.jenkins.plugins.gitops.engine.StoredFormat;
import io.jenkins.plugins.gitops.engine.diff.DiffScope;
import io.jenkins.plugins.gitops.engine.model.Canonical;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.source.RepositoryLocation;
import io.jenkins.plugins.gitops.engine.targets.Capabilities;
import io.jenkins.plugins.gitops.engine.targets.ChangeHistory;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.LockRecord;
import io.jenkins.plugins.gitops.engine.targets.Revision;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import io.jenkins.plugins.gitops.engine.targets.layout.ManifestFiles;
import io.jenkins.plugins.gitops.engine.targets.layout.ResourceLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * An environment branch that an in-cluster agent (Argo CD, Flux) pulls: the folder on the branch holds the
 * rendered manifests in the directory target's layout, with the inventory in {@code .gitops/inventory.json}
 * beside them.
 *
 * <p>The target reads the branch at the head commit fetched when it is opened, or at the head a plan pinned;
 * its identity names that head, so a plan pins it. Applies and deletes are only staged ({@link
 * Capabilities#stagesWrites()}); writing the inventory turns them into one commit and pushes it as a
 * compare-and-swap on that head. The push is the lock: of two applies built on one head one lands, the other is
 * refused as stale and writes nothing. What is staged belongs to the apply that holds the lock: releasing the
 * lock without writing the inventory (a failed apply) drops it, so nothing of a failed apply is ever pushed.
 *
 * <p>Every object's version is the head commit: any commit to the branch makes a plan stale.
 */
public final class GitBranchTarget implements Target {
    static final String INVENTORY = ".gitops/inventory.json";
    /** The inventory's format, as the directory target's ({@link StoredFormat}: no field, format 1). */
    private static final int INVENTORY_FORMAT = 1;
    private static final int HAND_COMMITS_SHOWN = 50;
    private static final PersonIdent COMMITTER_DEFAULT = new PersonIdent("gitops-pipeline", "gitops-pipeline@localhost");
    /**
     * Stores manifests exactly as given and holds no status; publishes them to every clone, so refuses Secrets
     * from variables; lands an apply as one commit.
     */
    private static final Capabilities CAPABILITIES = new Capabilities(DiffScope.WHOLE_OBJECT, false, false, true);

    private final GitBranchSpec spec;
    private final GitBranchOptions options;
    private final BranchRepository repository;
    private final Clock clock;
    private final Map<String, byte[]> writes = new ConcurrentHashMap<>();
    private final Set<String> deletes = ConcurrentHashMap.newKeySet();
    private volatile RevCommit head;
    private volatile Map<String, ObjectId> files;

    private GitBranchTarget(GitBranchSpec spec, GitBranchOptions options, BranchRepository repository, RevCommit head,
            Clock clock) {
        this.spec = spec;
        this.options = options;
        this.repository = repository;
        this.clock = clock;
        moveTo(head);
    }

    /**
     * Fetches the branch. With a pin (applying a saved plan) the branch must still be at the pinned head.
     *
     * @throws BranchMovedException when the branch moved since the pinned plan was made; nothing is written
     */
    public static GitBranchTarget open(GitBranchSpec spec, GitBranchOptions options) {
        return open(spec, options, Clock.systemUTC());
    }

    static GitBranchTarget open(GitBranchSpec spec, GitBranchOptions options, Clock clock) {
        RepositoryLocation location = RepositoryLocation.parse(spec.repository());
        String url = location.remote() ? location.shown() : Path.of(location.shown()).toAbsolutePath().toString();
        BranchRepository repository = BranchRepository.open(spec, url,
                options.credentials() != null ? options.credentials() : location.credentials());
        try {
            RevCommit head = repository.fetch().orElse(null);
            if (options.pin() != null && !Objects.equals(options.pin().commit(), head == null ? null : head.name())) {
                throw BranchMovedException.sincePlan(spec, options.pin().commit(), head);
            }
            return new GitBranchTarget(spec, options, repository, head, clock);
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    public GitBranchSpec spec() {
        return spec;
    }

    /** The head commit read (the last one pushed by this target, after an apply); empty for a branch not made yet. */
    public Optional<String> head() {
        return Optional.ofNullable(head).map(RevCommit::name);
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /** The hand commits on the branch name who caused drift. */
    @Override
    public Optional<ChangeHistory> changeHistory() {
        return Optional.of(this::driftCauses);
    }

    @Override
    public String identity() {
        return spec.identityAt(head == null ? null : head.name());
    }

    @Override
    public Map<ResourceId, LiveObject> read(Collection<ResourceId> ids) {
        Map<ResourceId, LiveObject> live = new LinkedHashMap<>();
        for (ResourceId id : ids) {
            String path = ResourceLayout.relativePath(id);
            ObjectId blob = files.get(path);
            if (blob != null) {
                live.put(id, ManifestFiles.parse(id, shown(path), repository.read(blob), head.name()));
            }
        }
        return live;
    }

    @Override
    public LiveObject apply(Resource resource) {
        String path = ResourceLayout.relativePath(resource.id());
        writes.put(path, Canonical.yaml(resource.body()).getBytes(StandardCharsets.UTF_8));
        deletes.remove(path);
        return new LiveObject(resource.id(), resource.body(), "uncommitted");
    }

    @Override
    public void delete(ResourceId id) {
        String path = ResourceLayout.relativePath(id);
        writes.remove(path);
        if (files.containsKey(path)) {
            deletes.add(path);
        }
    }

    @Override
    public Inventory readInventory() {
        ObjectId blob = files.get(INVENTORY);
        if (blob == null) {
            return Inventory.EMPTY;
        }
        String record = shown(INVENTORY) + " on " + spec.identity() + " at " + head.name();
        String advice = "fix it with a commit on the branch, or revert the commit that broke it";
        Inventory inventory;
        try {
            StoredFormat.checkSize(repository.size(blob), record, "inventory", advice);
            inventory = StoredFormat.read(repository.read(blob), Inventory.class, INVENTORY_FORMAT, record, "inventory",
                    advice);
        } catch (GitopsException e) {
            throw new TargetException(e.getMessage(), e.remedy().orElse(null));
        }
        ResourceLayout.checkListed(inventory.resources(), record);
        return inventory;
    }

    /**
     * Commits everything staged since the last write, with the inventory, as one commit on the head read, and
     * pushes it if the branch is still there.
     *
     * @throws BranchMovedException when the branch moved meanwhile; nothing was written
     */
    @Override
    public synchronized void writeInventory(Inventory inventory) {
        Optional<Revision> previous = readInventory().current();
        Revision revision = inventory.current().filter(r -> !previous.equals(Optional.of(r))).orElse(null);
        Map<String, byte[]> changed = new TreeMap<>();
        writes.forEach((path, bytes) -> changed.put(full(path), bytes));
        changed.put(full(INVENTORY), inventoryBytes(inventory));
        List<String> removed = new ArrayList<>(deletes.stream().map(this::full).sorted().toList());
        String user = revision != null ? revision.user() : options.user();
        ApplyCommitMessage message = new ApplyCommitMessage(spec.identity(), options.sourceRepository(),
                revision == null ? null : revision.commit(), revision == null ? null : revision.path(),
                revision == null ? null : revision.desiredDigest(), options.planDigest(),
                revision != null ? revision.buildUrl() : options.buildUrl(), user);
        Instant now = clock.instant();
        String name = user == null ? "" : ApplyCommitMessage.plain(user).replace('<', '?').replace('>', '?');
        PersonIdent author = options.author() != null
                ? new PersonIdent(ApplyCommitMessage.plain(options.author().name()),
                        ApplyCommitMessage.plain(options.author().email()), now,
                        ZoneOffset.UTC)
                : new PersonIdent(name.isBlank() ? "gitops" : name, COMMITTER_DEFAULT.getEmailAddress(), now,
                        ZoneOffset.UTC);
        PersonIdent committer = new PersonIdent(COMMITTER_DEFAULT, now, ZoneOffset.UTC);
        ObjectId commit = repository.commit(head, changed, removed, author, committer,
                message.format(), options.sign() ? CommitSigner.configured() : CommitSigner.NONE);
        Optional<String> refused = repository.push(commit, head);
        if (refused.isPresent()) {
            throw BranchMovedException.atPush(spec, head, refused.get());
        }
        dropStaged();
        moveTo(repository.parse(commit));
    }

    /**
     * The commits made on the branch by hand since gitops last wrote it, newest first (at most 50): whoever
     * changed what the agent pulls without going through a plan.
     */
    public List<HandCommit> handCommits() {
        return repository.handCommits(head, spec.folder(), HAND_COMMITS_SHOWN);
    }

    /** The hand commits that changed the files of drifted resources, with their authors. */
    public List<String> driftCauses(Collection<ResourceId> drifted) {
        Set<String> files = new HashSet<>();
        drifted.forEach(id -> files.add(full(ResourceLayout.relativePath(id))));
        return handCommits().stream().filter(c -> c.files().stream().anyMatch(files::contains))
                .map(c -> "commit " + c.commit().substring(0, 12) + " by " + c.author() + " <" + c.email() + "> at "
                        + c.when() + " (\"" + c.subject() + "\") changed " + String.join(", ",
                                c.files().stream().filter(files::contains).toList())
                        + " on " + spec.branch() + " by hand")
                .toList();
    }

    /**
     * No record to hold: the compare-and-swap push refuses whichever of two applies comes second. The lock
     * scopes what is staged: an apply starts with nothing staged and leaves nothing behind.
     */
    @Override
    public TargetLock lock(String holder, Duration lease) {
        dropStaged();
        Instant now = clock.instant();
        LockRecord record = new LockRecord(holder, now, now.plus(lease));
        return new TargetLock() {
            @Override
            public LockRecord record() {
                return record;
            }

            @Override
            public Optional<LockRecord> tookOverFrom() {
                return Optional.empty();
            }

            @Override
            public void renew() {
            }

            @Override
            public void close() {
                dropStaged();
            }
        };
    }

    private synchronized void dropStaged() {
        writes.clear();
        deletes.clear();
    }

    @Override
    public void close() {
        repository.close();
    }

    private void moveTo(RevCommit commit) {
        head = commit;
        Map<String, ObjectId> all = repository.files(commit, spec.folder());
        files = Map.copyOf(all);
    }

    private String full(String path) {
        return spec.folder().isEmpty() ? path : spec.folder() + "/" + path;
    }

    /** A file as a user finds it: its path on the branch. */
    private String shown(String path) {
        return spec.branch() + ":" + full(path);
    }

    private static byte[] inventoryBytes(Inventory inventory) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(inventory);
        } catch (IOException e) {
            throw new IllegalStateException("an inventory is a plain record", e);
        }
    }
}
