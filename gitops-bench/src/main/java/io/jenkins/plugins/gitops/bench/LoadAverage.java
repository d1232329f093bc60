package io.jenkins.plugins.gitops.bench;

import java.lang.management.ManagementFactory;

/** The machine's 1-minute load average, printed with each measurement: figures from a busy machine are slower. */
final class LoadAverage {
    private LoadAverage() {
    }

    static double now() {
        return Math.max(0, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
