package io.jenkins.plugins.gitops.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountWordsTest {
    @Test
    void aPlanSaysWhatWouldHappen() {
        assertThat(CountWords.planned(5, 1, 2, 3)).isEqualTo("5 to create, 1 to update, 2 to delete, 3 unchanged");
    }

    @Test
    void anApplySaysWhatHappened() {
        assertThat(CountWords.applied(5, 1, 2, 3)).isEqualTo("5 created, 1 updated, 2 deleted, 3 unchanged")
                .doesNotContain(" to ");
    }

    @Test
    void aVerifySaysHowTheTargetDiffers() {
        assertThat(CountWords.verified(5, 1, 2, 3))
                .isEqualTo("5 missing, 1 differing, 2 no longer desired, 3 in sync");
    }
}
