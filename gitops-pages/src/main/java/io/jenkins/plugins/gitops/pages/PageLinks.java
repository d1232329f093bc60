package io.jenkins.plugins.gitops.pages;

/**
 * Links around a plan that only the front end knows: which build planned it and which applied it (label
 * and URL, either null when unknown). URLs are site-relative paths or http(s) addresses; anything else is
 * shown as text.
 */
public record PageLinks(String plannedBy, String plannedByUrl, String appliedBy, String appliedByUrl) {
    public static final PageLinks NONE = new PageLinks(null, null, null, null);
}
