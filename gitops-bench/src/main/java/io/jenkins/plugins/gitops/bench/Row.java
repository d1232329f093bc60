package io.jenkins.plugins.gitops.bench;

import org.jspecify.annotations.Nullable;

/**
 * One line of the report. A single figure (a ratio, a size) has min == median. {@code target} is empty
 * when the figure has none; {@code met} is null then.
 */
public record Row(String measure, double min, double median, String unit, String target, @Nullable Boolean met) {
    static Row timed(String measure, Samples samples, String target, Boolean met) {
        return new Row(measure, samples.min(), samples.median(), "ms", target, met);
    }

    static Row figure(String measure, double value, String unit, String target, Boolean met) {
        return new Row(measure, value, value, unit, target, met);
    }
}
