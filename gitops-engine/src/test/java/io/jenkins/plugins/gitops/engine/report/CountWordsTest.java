package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountWordsTest {
    @Test
    void anApplySaysWhatHappened() {
        assertThat(CountWords.applied(5, 1, 2, 3)).isEqualTo("5 created, 1 updated, 2 deleted, 3 unchanged")
                .doesNotContain(" to ");
    }
}
