package io.jenkins.plugins.gitops.cli;

/** How results are printed on stdout. */
enum OutputFormat {
    text, json, markdown
}
