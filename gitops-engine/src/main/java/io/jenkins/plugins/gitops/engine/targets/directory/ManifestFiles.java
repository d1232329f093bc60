package io.jenkins.plugins.gitops.engine.targets.directory;

import io.jenkins.plugins.gitops.engine.model.Documents;
import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.LiveObject;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns the bytes of a resource file, with its version, into the live object of plain maps. Shared with the
 * environment-branch target, which stores the same files in a Git tree.
 */
public final class ManifestFiles {
    /** Building a {@code Yaml} costs more than parsing a small file; one per thread, as it is not thread-safe. */
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(ManifestFiles::yaml);

    private ManifestFiles() {
    }

    @SuppressWarnings("unchecked")
    /** @param file names the file in messages */
    public static LiveObject parse(ResourceId id, String file, byte[] bytes, String version) {
        Object tree;
        try {
            tree = YAML.get().load(new ByteArrayInputStream(bytes));
        } catch (MarkedYAMLException e) {
            YAML.remove(); // a failed load may leave state behind: start the next file afresh
            // The problem text is generic; the exception's full message would quote the line, maybe a secret.
            Mark mark = e.getProblemMark();
            String where = mark == null ? file.toString() : file + ":" + (mark.getLine() + 1);
            throw unreadable(id, where, "is not valid YAML (" + e.getProblem() + ")");
        } catch (YAMLException e) {
            YAML.remove();
            throw unreadable(id, file, "is not valid YAML");
        }
        if (!(tree instanceof Map<?, ?> body)) {
            throw unreadable(id, file, "does not hold a YAML mapping");
        }
        return new LiveObject(id, Documents.freeze((Map<String, Object>) body), version);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    private static TargetException unreadable(ResourceId id, String where, String problem) {
        return new TargetException(where + " (" + id + ") " + problem
                + "; fix the file, or delete it so that the next apply writes it again");
    }
}
