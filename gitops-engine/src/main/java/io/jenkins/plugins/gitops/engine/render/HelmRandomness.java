package io.jenkins.plugins.gitops.engine.render;

import io.jenkins.plugins.gitops.engine.Progress;
import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Templates that call Helm's random functions render differently every time: their resources never show in
 * sync, and every apply changes them (a new password, a new certificate). Helm itself keeps them stable only
 * through {@code lookup} on a live cluster, which rendering here never does. Each such template is named in a
 * warning with the resources it made and the ways out.
 */
final class HelmRandomness {
    private static final Pattern RANDOM = Pattern.compile("\\b(randAlphaNum|randAlpha|randNumeric|randAscii|randBytes"
            + "|randInt|uuidv4|genCA|genCAWithKey|genPrivateKey|genSelfSignedCert|genSelfSignedCertWithKey|genSignedCert"
            + "|genSignedCertWithKey)\\b");

    private HelmRandomness() {
    }

    static void warn(List<SourceFile> chartFiles, List<LocatedDocument> rendered, Progress progress) {
        for (SourceFile file : chartFiles) {
            if (!file.path().contains("/templates/") && !file.path().startsWith("templates/")) {
                continue;
            }
            Matcher call = RANDOM.matcher(new String(file.content(), StandardCharsets.UTF_8));
            if (!call.find()) {
                continue;
            }
            TreeSet<String> made = new TreeSet<>();
            for (LocatedDocument document : rendered) {
                if (document.origin().file().equals(file.path())) {
                    Map<String, Object> metadata = Documents.metadata(document.body()).orElse(Map.of());
                    made.add(document.body().get("kind") + " " + metadata.getOrDefault("name", ""));
                }
            }
            if (!made.isEmpty()) {
                progress.warn(file.path() + " calls " + call.group(1) + ", so " + String.join(", ", made)
                        + " render differently every time: never in sync, changed by every apply; give the chart"
                        + " the value it would generate (an existing-secret value where the chart has one), or"
                        + " ignore the generated fields with an ignoreDifferences rule in .gitops.yaml");
            }
        }
    }
}
