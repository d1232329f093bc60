package io.jenkins.plugins.gitops.engine.targets.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.gitops.engine.model.ResourceId;
import io.jenkins.plugins.gitops.engine.targets.TargetException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceLayoutTest {
    private static final Path ROOT = Path.of("/srv/env").toAbsolutePath();
    private final ResourceLayout layout = new ResourceLayout(ROOT, file -> java.util.Optional.empty());

    @ParameterizedTest
    @CsvSource({
        "'',                        ConfigMap,   shop, settings,  _core/ConfigMap/shop/settings.yaml",
        "apps,                      Deployment,  shop, web,       apps/Deployment/shop/web.yaml",
        "'',                        Namespace,   '',   shop,      _core/Namespace/_cluster/shop.yaml",
        "rbac.authorization.k8s.io, ClusterRole, '',   system:view, rbac.authorization.k8s.io/ClusterRole/_cluster/system:view.yaml",
        "apps,                      Deployment,  shop, web.yaml,  apps/Deployment/shop/web.yaml.yaml",
    })
    void mapsEachIdToOnePathAndBack(String group, String kind, String namespace, String name, String path) {
        ResourceId id = new ResourceId(group, kind, namespace, name);

        Path file = layout.fileOf(id);

        assertThat(file).isEqualTo(ROOT.resolve(path));
        assertThat(layout.idOf(file)).contains(id);
    }

    @ParameterizedTest
    @CsvSource({
        ".gitops/inventory.json",
        ".gitops/lock.json",
        "apps/Deployment/shop/.web.yaml.tmp",
        "apps/Deployment/shop/web.yml",
        "apps/Deployment/web.yaml",
        "README.md",
        "core/Namespace/_cluster/shop/extra.yaml",
        "_apps/Deployment/shop/web.yaml",
    })
    void filesOutsideTheLayoutAreNoResources(String path) {
        assertThat(layout.idOf(ROOT.resolve(path))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "'',     ConfigMap, shop, ../../../etc/passwd, name",
        "'',     ConfigMap, shop, a/b,                 name",
        "'',     ConfigMap, shop, '..',                name",
        "'',     ConfigMap, shop, .hidden,             name",
        "'',     ConfigMap, '..', x,                   namespace",
        "'',     ConfigMap, _cluster, x,               namespace",
        "_core,  ConfigMap, shop, x,                   group",
        "'..',   ConfigMap, shop, x,                   group",
        "apps,   '..\\x',   shop, x,                   kind",
    })
    void refusesIdsThatWouldLeaveTheirPlace(String group, String kind, String namespace, String name, String part) {
        ResourceId id = new ResourceId(group, kind, namespace, name);

        assertThatThrownBy(() -> layout.fileOf(id))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining(id.toString())
                .hasMessageContaining("its " + part + " is not a valid");
    }
}
