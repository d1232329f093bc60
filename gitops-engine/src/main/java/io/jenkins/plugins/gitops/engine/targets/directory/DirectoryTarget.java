package io.jenkins.plugins.gitops.engine.targets.directory;

import io.jenkins.plugins.gitops.engine.model.Canonical;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.LockRecord;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The zero-setup target: a local folder with one canonical YAML file per resource, laid out as
 * {@code <group>/<Kind>/<namespace>/<name>.yaml} ({@code _core} for the core group, {@code _cluster} for
 * cluster-scoped resources), and the engine's records in {@code .gitops/}: {@code inventory.json},
 * {@code lock.json}, {@code applied.json} (what was written, see {@link AppliedIndex}) and {@code version.key}
 * (see {@link FileVersions}). Every file is replaced atomically, so a killed run leaves old or new content, never half.
 */
public final class DirectoryTarget implements Target {
    private static final String RECORDS = ".gitops";

    private final Path root;
    private final ResourceLayout layout;
    private final JsonRecord<Inventory> inventory;
    private final JsonRecord<LockRecord> lockRecord;
    private final LockGuard lockGuard;
    private final AppliedIndex applied;
    private final FileVersions versions;
    private final Clock clock;
    /** Writes share it; removing emptied folders takes it alone, so no folder vanishes under a write just starting in it. */
    private final ReadWriteLock folders = new ReentrantReadWriteLock();

    /** Nothing is created until the first write. */
    public DirectoryTarget(Path root) {
        this(root, Clock.systemUTC());
    }

    /** With the clock lock leases are measured by, so tests can let a lease run out without waiting. */
    DirectoryTarget(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.layout = new ResourceLayout(this.root);
        this.clock = clock;
        Path records = this.root.resolve(RECORDS);
        this.inventory = new JsonRecord<>(records.resolve("inventory.json"), Inventory.class, "inventory",
                "fix it, or delete it to start a new inventory (resources applied before are then no longer pruned)");
        this.lockRecord = new JsonRecord<>(records.resolve("lock.json"), LockRecord.class, "lock",
                "delete it if no gitops run is applying to this folder");
        this.lockGuard = new LockGuard(records.resolve("lock.guard"));
        this.applied = new AppliedIndex(records.resolve("applied.json"));
        this.versions = new FileVersions(records.resolve("version.key"));
    }

    public Path root() {
        return root;
    }

    @Override
    public String identity() {
        return "dir:" + root;
    }

    @Override
    public Map<ResourceId, LiveObject> read(Collection<ResourceId> ids) {
        List<ResourceId> wanted = List.copyOf(ids);
        Map<String, AppliedIndex.Entry> index = applied.current();
        // Files are independent and a plan reads thousands: read them on every core, keep the caller's order.
        List<LiveObject> found = wanted.parallelStream().map(id -> readOne(id, index)).toList();
        Map<ResourceId, LiveObject> live = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (found.get(i) != null) {
                live.put(wanted.get(i), found.get(i));
            }
        }
        return live;
    }

    /**
     * The object stored for {@code id}, or null when there is no file. A file unchanged since the engine wrote it
     * is parsed only if its body is asked for.
     */
    private LiveObject readOne(ResourceId id, Map<String, AppliedIndex.Entry> index) {
        Path file = layout.fileOf(id);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new TargetException("cannot read " + id + " from " + file + ": " + e.getMessage(), e);
        }
        String version = versions.of(bytes);
        return applied.find(index, key(file), version)
                .map(entry -> LiveObject.unchangedSinceApplied(id, version, entry.digest(),
                        () -> ManifestFiles.parse(id, file.toString(), bytes, version).body()))
                .orElseGet(() -> ManifestFiles.parse(id, file.toString(), bytes, version));
    }

    private String key(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    @Override
    public LiveObject apply(Resource resource) {
        Path file = layout.fileOf(resource.id());
        byte[] bytes = Canonical.yaml(resource.body()).getBytes(StandardCharsets.UTF_8);
        folders.readLock().lock();
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new TargetException("cannot write " + resource.id() + " to " + file + ": " + e.getMessage(), e);
        } finally {
            folders.readLock().unlock();
        }
        // Parsed back from the bytes written, so the result is exactly what a later read returns.
        LiveObject written = ManifestFiles.parse(resource.id(), file.toString(), bytes, versions.of(bytes));
        applied.written(key(file), new AppliedIndex.Entry(written.version(), resource.digest()));
        return written;
    }

    /** Deletes the file, then every folder above it that is left empty, up to (not including) the root. */
    @Override
    public void delete(ResourceId id) {
        Path file = layout.fileOf(id);
        applied.deleted(key(file));
        folders.writeLock().lock();
        try {
            Files.deleteIfExists(file);
            AtomicFiles.discardTemp(file);
            for (Path dir = file.getParent(); !dir.equals(root); dir = dir.getParent()) {
                Files.delete(dir);
            }
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // The first folder still in use, or already gone, ends the clean-up.
        } catch (IOException e) {
            throw new TargetException("cannot delete " + id + " at " + file + ": " + e.getMessage(), e);
        } finally {
            folders.writeLock().unlock();
        }
    }

    /** Every resource file in the folder, whether the engine wrote it or someone added it by hand. */
    public SortedSet<ResourceId> stored() {
        if (!Files.isDirectory(root)) {
            return new TreeSet<>();
        }
        try (Stream<Path> files = Files.walk(root, 4)) {
            return files.filter(Files::isRegularFile)
                    .map(layout::idOf)
                    .flatMap(Optional::stream)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException | UncheckedIOException e) {
            throw new TargetException("cannot list the resources in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Inventory readInventory() {
        return inventory.read().orElse(Inventory.EMPTY);
    }

    @Override
    public void writeInventory(Inventory newInventory) {
        applied.save();
        inventory.write(newInventory);
    }

    @Override
    public TargetLock lock(String holder, Duration lease) {
        return DirectoryLock.acquire(identity(), lockRecord, lockGuard, clock, holder, lease);
    }
}
