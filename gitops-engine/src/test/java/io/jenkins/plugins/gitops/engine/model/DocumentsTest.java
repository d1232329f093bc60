package io.jenkins.plugins.gitops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentsTest {
    private static Map<String, Object> tree() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("ports", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("port", 80)))));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kind", "Service");
        root.put("spec", spec);
        return root;
    }

    @Test
    @SuppressWarnings("unchecked")
    void frozenTreesRefuseChangesAtEveryDepth() {
        Map<String, Object> frozen = Documents.freeze(tree());
        Map<String, Object> spec = (Map<String, Object>) frozen.get("spec");
        List<Object> ports = (List<Object>) spec.get("ports");
        Map<String, Object> port = (Map<String, Object>) ports.get(0);

        assertThatThrownBy(() -> frozen.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.remove("ports")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ports.add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> port.entrySet().iterator().next().setValue(8080))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(frozen).isEqualTo(tree());
    }

    @Test
    void immutableCopyKeepsFrozenTreesAndCopiesOthers() {
        Map<String, Object> frozen = Documents.freeze(tree());
        assertThat(Documents.immutableCopy(frozen)).isSameAs(frozen);

        Map<String, Object> mutable = tree();
        Map<String, Object> copy = Documents.immutableCopy(mutable);
        mutable.put("kind", "Changed");
        assertThat(copy.get("kind")).isEqualTo("Service");
        assertThat(Documents.immutableCopy(copy)).isSameAs(copy);
    }

    @Test
    void mutableCopyOfAFrozenTreeCanChange() {
        Map<String, Object> copy = Documents.mutableCopy(Documents.freeze(tree()));
        copy.put("kind", "Other");
        assertThat(copy).containsEntry("kind", "Other");
    }
}
