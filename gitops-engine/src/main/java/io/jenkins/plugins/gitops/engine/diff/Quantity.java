package io.jenkins.plugins.gitops.engine.diff;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 500m}, {@code 0.5}, {@code 1G}, {@code 3Gi}, {@code 1e3}) as a number,
 * so that two spellings the API server stores as one value compare equal: it stores {@code cpu: 0.5} as
 * {@code 500m}, {@code 3072Mi} as {@code 3Gi}, {@code 1000M} as {@code 1G} and the YAML integer {@code 1} as
 * {@code "1"}. The grammar is apimachinery's {@code resource.ParseQuantity}.
 */
final class Quantity {
    private static final Pattern FORM = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\\d+)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")), Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)), Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)), Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    private Quantity() {
    }

    /** The value of a quantity written as a string or a YAML number; empty when it is not one. */
    static Optional<BigDecimal> parse(Object value) {
        if (value instanceof Number || value instanceof String) {
            Matcher m = FORM.matcher(String.valueOf(value).trim());
            if (m.matches()) {
                BigDecimal number = new BigDecimal(m.group(1));
                String suffix = m.group(2);
                if (suffix == null) {
                    return Optional.of(number);
                }
                if (suffix.startsWith("e") || suffix.startsWith("E")) {
                    return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
                }
                return Optional.of(number.multiply(SUFFIXES.get(suffix)));
            }
        }
        return Optional.empty();
    }

    /** Whether both are quantities of the same value ({@code 0.5} and {@code 500m}). */
    static boolean same(Object a, Object b) {
        Optional<BigDecimal> x = parse(a);
        Optional<BigDecimal> y = parse(b);
        return x.isPresent() && y.isPresent() && x.get().compareTo(y.get()) == 0;
    }
}
