package io.jenkins.plugins.gitops.engine.source;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The files of one environment directory at one exact commit. Files come from the commit's tree, never
 * from a working tree, and every path is inside the repository.
 */
public interface SourceSnapshot extends AutoCloseable {
    /** The repository as the user named it (a path or URL, with no credentials in it). */
    String repository();

    /**
     * Where the commits can be seen on the web when {@link #repository()} is a local clone (a Jenkins workspace, say):
     * the URL of its {@code origin} remote, without credentials; empty for a URL, or a clone without that remote.
     */
    Optional<String> remoteUrl();

    /** The full commit id the ref resolved to. */
    String commit();

    /** The environment directory, repository-relative, '/'-separated, "" for the root. */
    String path();

    /** Every regular file under {@link #path()}, recursively, sorted by path; in-repository symlinks resolved. */
    List<SourceFile> files();

    /** One file by repository-relative path, anywhere in the commit. */
    Optional<SourceFile> file(String repositoryPath);

    /**
     * These repository paths (files, or directories with everything under them) written to a private
     * temporary directory (created on first call, removed on {@link #close()}, and by a later run if this process
     * is killed first), for tools such as kustomize and Helm that read a directory. The directory mirrors the
     * repository root but holds only what was asked for, so other environments' Secrets are never written out.
     */
    Path checkout(Collection<String> repositoryPaths);

    @Override
    void close();
}
