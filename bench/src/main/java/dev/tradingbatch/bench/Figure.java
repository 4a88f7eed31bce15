package dev.tradingbatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One measured figure: our value and the baseline's in every repetition, the goal, and how it was
 * measured. The table shows medians; the ratio is ours / baseline, the median of the per-repetition
 * ratios when both were measured in every repetition (each pair shares the machine's noise of that
 * moment), the ratio of the medians otherwise.
 *
 * @param name     what is measured, as the table names it
 * @param unit     the unit of ours and baseline
 * @param ours     our value in each repetition
 * @param baseline the baseline's value in each repetition (or once, when it is deterministic)
 * @param goal     the goal for this figure
 * @param notes    what exactly was measured: data, sizes, SQLite settings, the baseline
 */
record Figure(String name, String unit, List<Double> ours, List<Double> baseline, Goal goal, List<String> notes) {

    /** A goal on our value and on the ratio to the baseline; {@code check} gives null when there is none. */
    record Goal(String text, Check check) {

        interface Check {
            Boolean met(double ours, double ratio);
        }

        static Goal none() {
            return new Goal("-", (o, r) -> null);
        }

        static Goal ratioAtLeast(double min) {
            return new Goal(">= %.2f x baseline".formatted(min), (o, r) -> r >= min);
        }

        static Goal atMost(double max, String unit) {
            return new Goal("<= %s %s".formatted(plain(max), unit), (o, r) -> o <= max);
        }

        static Goal atLeast(double min, String unit) {
            return new Goal(">= %s %s".formatted(plain(min), unit), (o, r) -> o >= min);
        }

        /** Ours at most {@code max} above the baseline (the baseline being ours / ratio). */
        static Goal addedAtMost(double max, String unit) {
            return new Goal("<= baseline + %s %s".formatted(plain(max), unit), (o, r) -> o - o / r <= max);
        }

        Goal and(Goal other) {
            return new Goal(text + " and " + other.text, (o, r) -> check.met(o, r) && other.check.met(o, r));
        }

        Boolean met(double ours, double ratio) {
            return check.met(ours, ratio);
        }
    }

    double oursMedian() {
        return median(ours);
    }

    double baselineMedian() {
        return median(baseline);
    }

    double ratio() {
        if (ours.size() == baseline.size()) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < ours.size(); i++) {
                ratios.add(ours.get(i) / baseline.get(i));
            }
            return median(ratios);
        }
        return oursMedian() / baselineMedian();
    }

    /** "yes", "no", or "-" without a goal. */
    String met() {
        Boolean met = goal.met(oursMedian(), ratio());
        return met == null ? "-" : met ? "yes" : "no";
    }

    /** Every repetition's values, for the details. */
    String samples() {
        return "ours " + join(ours) + "; baseline " + join(baseline);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A value with as many decimals as its size needs: 1234567, 33.1, 0.26. */
    static String number(double v) {
        double a = Math.abs(v);
        String format = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, v);
    }

    /** A goal's bound as written: 40, 0.5, 1000000. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String join(List<Double> values) {
        return values.stream().map(Figure::number).collect(Collectors.joining(", ", "[", "]"));
    }
}
