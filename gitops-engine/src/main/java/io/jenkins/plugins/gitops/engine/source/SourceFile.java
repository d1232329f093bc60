package io.jenkins.plugins.gitops.engine.source;

/** A regular file of the commit: its repository-relative path ('/'-separated) and its bytes. */
public record SourceFile(String path, byte[] content) {
}
