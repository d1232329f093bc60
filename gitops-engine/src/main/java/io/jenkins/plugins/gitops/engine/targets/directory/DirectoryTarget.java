package io.jenkins.plugins.gitops.engine.targets.directory;

import io.jenkins.plugins.gitops.engine.targets.layout.ManifestFiles;
import io.jenkins.plugins.gitops.engine.targets.layout.ResourceLayout;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.READ;

import io.jenkins.plugins.gitops.engine.model.Canonical;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.Resource;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.Inventory;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.LockRecord;
import io.jenkins.plugins.gitops.engine.targets.Target;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import io.jenkins.plugins.gitops.engine.targets.TargetLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Writes made under the lock are fenced ({@link Fence}); Secrets and their folders are owner-only (0600, 0700);
 * nothing under the root is opened through a symbolic link ({@link NoLinks}).
 */
public final class DirectoryTarget implements Target {
    private static final String RECORDS = ".gitops";

    private final Path root;
    private final ResourceLayout layout;
    private final AtomicFiles files;
    private final JsonRecord<Inventory> inventory;
    private final JsonRecord<LockRecord> lockRecord;
    private final LockGuard lockGuard;
    private final AppliedIndex applied;
    private final FileVersions versions;
    private final Clock clock;
    /** Writes share it; removing emptied folders takes it alone, so no folder vanishes under a write just starting in it. */
    private final ReadWriteLock folders = new ReentrantReadWriteLock();
    /** The lock taken through this instance: every write is fenced by it while it is held. */
    private volatile DirectoryLock held;

    /** Nothing is created until the first write. */
    public DirectoryTarget(Path root) {
        this(root, Clock.systemUTC(), Disk.REAL);
    }

    /** With the clock lock leases are measured by, so tests can let a lease run out without waiting. */
    DirectoryTarget(Path root, Clock clock) {
        this(root, clock, Disk.REAL);
    }

    /** With the disk writes go to, so tests can fill it or pause a write before its rename. */
    DirectoryTarget(Path root, Clock clock, Disk disk) {
        this.root = root.toAbsolutePath().normalize();
        this.layout = new ResourceLayout(this.root, this::nameInFile);
        this.files = new AtomicFiles(disk, this.root);
        this.clock = clock;
        Path records = this.root.resolve(RECORDS);
        this.inventory = new JsonRecord<>(this.root, records.resolve("inventory.json"), files, Inventory.class,
                "inventory",
                "fix it or restore it from a backup (prune removes only what it lists; until it reads, nothing is applied)");
        this.lockRecord = new JsonRecord<>(this.root, records.resolve("lock.json"), files, LockRecord.class, "lock",
                "delete it if no gitops run is applying to this folder");
        this.lockGuard = new LockGuard(records.resolve("lock.guard"));
        this.applied = new AppliedIndex(this.root, records.resolve("applied.json"), files);
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
        NoLinks.check(root, file);
        byte[] bytes;
        BasicFileAttributes attributes;
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(READ, NOFOLLOW_LINKS))) {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS);
            bytes = readAll(channel);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new TargetException("cannot read " + id + " from " + file + ": " + e.getMessage(), e);
        }
        String version = versions.ofStored(bytes, file, attributes);
        return applied.find(index, key(file), version)
                .map(entry -> LiveObject.unchangedSinceApplied(id, version, entry.digest(),
                        () -> ManifestFiles.parse(id, file.toString(), bytes, version).body()))
                .orElseGet(() -> ManifestFiles.parse(id, file.toString(), bytes, version));
    }

    private static byte[] readAll(SeekableByteChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(channel.size(), Integer.MAX_VALUE));
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (channel.read(buffer) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return out.toByteArray();
    }

    /** The {@code metadata.name} of a stored file whose file name is a hash; empty if it cannot be read. */
    private Optional<String> nameInFile(Path file) {
        try {
            NoLinks.check(root, file);
            byte[] bytes = Files.readAllBytes(file);
            return Documents.map(ManifestFiles.parse(null, file.toString(), bytes, "").body(), "metadata")
                    .flatMap(m -> Documents.string(m, "name"));
        } catch (IOException | TargetException e) {
            return Optional.empty();
        }
    }

    private String key(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    @Override
    public LiveObject apply(Resource resource) {
        ResourceId id = resource.id();
        Path file = layout.fileOf(id);
        NoLinks.check(root, file);
        byte[] bytes = Canonical.yaml(resource.body()).getBytes(StandardCharsets.UTF_8);
        // The key is made before the first write, so the version returned is the one later reads compute.
        String version = versions.ofWritten(bytes);
        folders.readLock().lock();
        try {
            files.createFolders(file.getParent(), layout.ownerOnlyFrom(id));
            NoLinks.check(root, file); // a link put in place while the folders were made
            files.write(file, bytes, fence(), ResourceLayout.ownerOnly(id));
        } catch (IOException e) {
            throw new TargetException("cannot write " + id + " to " + file + ": " + describe(e, file), e);
        } finally {
            folders.readLock().unlock();
        }
        if (ResourceLayout.ownerOnly(id)) {
            applied.deleted(key(file)); // a digest of a Secret's body would let a reader of the index test guesses
        } else {
            applied.written(key(file), new AppliedIndex.Entry(version, resource.digest()));
        }
        // Parsed back from the bytes written, so its body is exactly what a later read returns; only if asked, as an
        // apply reads none of them (parsing each back was a fifth of the CPU of applying kube-prometheus).
        return LiveObject.readWhenAsked(id, version, () -> ManifestFiles.parse(id, file.toString(), bytes, version)
                .body());
    }

    /** Deletes the file, then every folder above it that is left empty, up to (not including) the root. */
    @Override
    public void delete(ResourceId id) {
        Path file = layout.fileOf(id);
        NoLinks.check(root, file);
        applied.deleted(key(file));
        folders.writeLock().lock();
        try {
            fence().check();
            Files.deleteIfExists(file);
            AtomicFiles.discardTemps(file);
            for (Path dir = file.getParent(); !dir.equals(root); dir = dir.getParent()) {
                Files.delete(dir);
            }
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // The first folder still in use, or already gone, ends the clean-up.
        } catch (IOException e) {
            throw new TargetException("cannot delete " + id + " at " + file + ": " + describe(e, file), e);
        } finally {
            folders.writeLock().unlock();
        }
    }

    /** Every resource file in the folder, whether the engine wrote it or someone added it by hand. */
    public SortedSet<ResourceId> stored() {
        if (!Files.isDirectory(root)) {
            return new TreeSet<>();
        }
        try (Stream<Path> found = Files.walk(root, 4)) {
            return found.filter(p -> Files.isRegularFile(p, NOFOLLOW_LINKS))
                    .map(layout::idOf)
                    .flatMap(Optional::stream)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException | UncheckedIOException e) {
            throw new TargetException("cannot list the resources in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Inventory readInventory() {
        Inventory read = inventory.read().orElse(Inventory.EMPTY);
        ResourceLayout.checkListed(read.resources(), inventory.file().toString());
        return read;
    }

    @Override
    public void writeInventory(Inventory newInventory) {
        inventory.write(newInventory, fence());
    }

    /** The key file versions are made with ({@code version.key}), once a write created it. */
    @Override
    public Optional<byte[]> digestKey() {
        return versions.existingKeyBytes();
    }

    /** Saves the index of the files written since the last flush ({@code applied.json}). */
    @Override
    public void flush() {
        applied.save(fence());
    }

    /** A lock whose holder's lease ran out is taken over; the temp files its writes left are removed. */
    @Override
    public TargetLock lock(String holder, Duration lease) {
        DirectoryLock lock = DirectoryLock.acquire(identity(), lockRecord, lockGuard, clock, holder, lease);
        held = lock;
        lock.tookOverFrom().ifPresent(old -> discardTempsOf(DirectoryLock.tagOf(old)));
        return lock;
    }

    private Fence fence() {
        DirectoryLock lock = held;
        return lock == null || lock.closed() ? Fence.NONE : lock;
    }

    private void discardTempsOf(String tag) {
        String suffix = "." + tag + ".tmp";
        try (Stream<Path> found = Files.walk(root, 4)) {
            for (Path temp : found.filter(p -> p.getFileName().toString().endsWith(suffix)
                    && AtomicFiles.isTemp(p.getFileName().toString())).toList()) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new TargetException("cannot remove the temp files of the run whose lock was taken over in " + root
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file system's own words, which name the real cause (a full disk, a read-only mount), and the folder they
     * concern when it is not the file's own: a folder above it that this user may not change (made by another user,
     * say) would otherwise be blamed on the resource file.
     */
    private static String describe(IOException e, Path file) {
        String message = e.getMessage();
        if (!(e instanceof FileSystemException f) || f.getReason() == null) {
            return message != null ? message : e.getClass().getSimpleName();
        }
        if (f.getFile() == null) {
            return f.getReason();
        }
        Path at = Path.of(f.getFile());
        if (at.equals(file) || at.getParent() != null && at.getParent().equals(file.getParent())) {
            return f.getReason(); // the file itself or its temp file
        }
        return f.getReason() + " on the folder " + at + owner(at);
    }

    /** Who owns {@code folder}, when that is not the user gitops runs as. */
    private static String owner(Path folder) {
        try {
            String owner = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName();
            String me = System.getProperty("user.name");
            return owner.equals(me) ? "" : " (it belongs to " + owner + "; gitops runs as " + me + ")";
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }
}
