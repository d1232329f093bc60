package io.jenkins.plugins.gitops.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked when the command line is parsed, so a value out of range is a usage error that says
 * what is allowed (exit 1), not a failure deep in a run.
 */
final class Options {
    private Options() {
    }

    /** A count of at least 1. */
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number; give 1 or more");
            }
            if (n < 1) {
                throw new TypeConversionException(n + " is too small; give 1 or more");
            }
            return n;
        }
    }

    /** An ISO-8601 duration of zero or more. */
    static final class NotNegative implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = duration(value);
            if (d.isNegative()) {
                throw new TypeConversionException(value + " is negative; give zero or more, e.g. PT0S or PT2M");
            }
            return d;
        }
    }

    /** An ISO-8601 duration of more than zero. */
    static final class Positive implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d = duration(value);
            if (d.isNegative() || d.isZero()) {
                throw new TypeConversionException(value + " is not more than zero; give a positive duration, e.g. PT5M");
            }
            return d;
        }
    }

    private static Duration duration(String value) {
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not an ISO-8601 duration such as PT30S, PT2M or PT1H");
        }
    }
}
