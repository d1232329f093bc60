/** Verify: compare the target with the desired state again, wait for health, and record the result. */
@NullMarked
package io.jenkins.plugins.gitops.engine.verify;

import org.jspecify.annotations.NullMarked;
