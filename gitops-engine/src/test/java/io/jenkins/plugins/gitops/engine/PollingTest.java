package io.jenkins.plugins.gitops.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingTest {
    @Test
    void aZeroTimeoutProbesOnce() throws InterruptedException {
        AtomicInteger probes = new AtomicInteger();

        boolean met = Polling.until(() -> probes.incrementAndGet() > 5, Boolean::booleanValue, Duration.ZERO,
                Duration.ofMillis(1));

        assertThat(met).isFalse();
        assertThat(probes).hasValue(1);
    }

    @Test
    void stopsAtTheFirstGoodResultAndReturnsIt() throws InterruptedException {
        AtomicInteger probes = new AtomicInteger();

        int last = Polling.until(probes::incrementAndGet, n -> n == 3, Duration.ofMinutes(1), Duration.ofMillis(1));

        assertThat(last).isEqualTo(3);
        assertThat(probes).hasValue(3);
    }

    @Test
    void aTimeoutReturnsTheLastResultAfterAFinalProbe() throws InterruptedException {
        AtomicInteger probes = new AtomicInteger();

        int last = Polling.until(probes::incrementAndGet, n -> false, Duration.ofMillis(30), Duration.ofMillis(10));

        assertThat(last).isEqualTo(probes.get()).isGreaterThan(1);
    }

    @Test
    void anInterruptEndsTheWait() {
        Thread.currentThread().interrupt();
        try {
            Polling.until(() -> false, Boolean::booleanValue, Duration.ofMinutes(1), Duration.ofSeconds(1));
            org.junit.jupiter.api.Assertions.fail("not interrupted");
        } catch (InterruptedException expected) {
            assertThat(Thread.currentThread().isInterrupted()).isFalse(); // Thread.sleep cleared it: the caller decides
        }
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Polling.describe(Duration.ofMillis(400))).isEqualTo("400 ms");
        assertThat(Polling.describe(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Polling.describe(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(Polling.describe(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(Polling.describe(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
    }
}
