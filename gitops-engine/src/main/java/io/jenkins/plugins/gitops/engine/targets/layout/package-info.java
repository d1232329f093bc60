/** Where a resource's manifest lives in a folder or on a branch, and reading those manifests back. */
@NullMarked
package io.jenkins.plugins.gitops.engine.targets.layout;

import org.jspecify.annotations.NullMarked;
