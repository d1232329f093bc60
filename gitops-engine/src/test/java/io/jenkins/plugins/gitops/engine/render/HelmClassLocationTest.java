package io.jenkins.plugins.gitops.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The embedded Helm's child JVM gets its classpath from where this JVM loaded the classes. On a Jenkins agent the
 * classes come over remoting: defined from bytes, with no code-source location (which threw a NullPointerException
 * in gitopsPlan), while the class loader still names the cached jar for the class file.
 */
class HelmClassLocationTest {

    @Test
    void aClassDefinedFromBytesIsFoundThroughItsLoader() throws Exception {
        Class<?> remote = new BytesLoader(true).define(EmbeddedHelm.class);
        assertThat(remote.getProtectionDomain().getCodeSource().getLocation()).isNull();

        Path folder = HelmProcess.location(remote).orElseThrow();
        assertThat(folder).isEqualTo(HelmProcess.location(EmbeddedHelm.class).orElseThrow());
        assertThat(folder.resolve("io/jenkins/plugins/gitops/engine/render/EmbeddedHelm.class")).isRegularFile();
    }

    @Test
    void aClassFromAJarDefinedFromBytesNamesTheJar() throws Exception {
        Class<?> remote = new BytesLoader(true).define(Helm.class);
        assertThat(remote.getProtectionDomain().getCodeSource().getLocation()).isNull();

        Path jar = HelmProcess.location(remote).orElseThrow();
        assertThat(jar.getFileName().toString()).startsWith("helm-java-").endsWith(".jar");
        assertThat(Files.isRegularFile(jar)).isTrue();
    }

    @Test
    void aClassWhoseFileNobodyCanNameHasNoLocation() throws Exception {
        assertThat(HelmProcess.location(new BytesLoader(false).define(EmbeddedHelm.class))).isEmpty();
    }

    /** Defines a class from its bytes, as remoting's RemoteClassLoader does; answers resources, or not. */
    private static final class BytesLoader extends ClassLoader {
        private final boolean resources;

        BytesLoader(boolean resources) {
            super(HelmClassLocationTest.class.getClassLoader());
            this.resources = resources;
        }

        Class<?> define(Class<?> type) throws Exception {
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(type.getName(), bytes, 0, bytes.length);
            }
        }

        @Override
        public URL getResource(String name) {
            return resources ? super.getResource(name) : null;
        }
    }
}
