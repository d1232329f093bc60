package io.jenkins.plugins.gitops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 27, point 9: {@code ./bench --help} answered "option --help needs a value". */
class SettingsTest {
    @Test
    void helpIsAskedForAndListsEveryOptionWithItsDefault() {
        assertThat(Settings.wantsHelp(new String[] {"--help"})).isTrue();
        assertThat(Settings.wantsHelp(new String[] {"--runs", "3", "-h"})).isTrue();
        assertThat(Settings.wantsHelp(new String[] {"--runs", "3"})).isFalse();

        assertThat(Settings.usage()).startsWith("Usage: ./bench [--sizes A,B --warmup N")
                .contains("--sizes 1000,10000", "--kube-apply 1000,10000", "--kube-apply-warmup 25", "--heap 512m");
    }

    @Test
    void anOptionWithoutAValueIsStillAnError() {
        assertThatThrownBy(() -> Settings.parse(new String[] {"--runs"})).hasMessage("option --runs needs a value");
    }
}
