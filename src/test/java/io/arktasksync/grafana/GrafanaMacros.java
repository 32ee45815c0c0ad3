package io.arktasksync.grafana;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the Grafana PostgreSQL macros and template variables of a panel's SQL the way Grafana does before it
 * sends the query, for a concrete time range: {@code $__timeFilter(col)} becomes {@code col BETWEEN '...' AND '...'},
 * {@code $__timeGroupAlias(col, 1d)} becomes {@code floor(extract(epoch FROM col) / 86400) * 86400 AS "time"}, and
 * so on. Anything left that looks like a macro or variable is an error: the test must not run SQL Grafana would not.
 *
 * @param variables template variable values, already formatted for SQL (e.g. {@code 'a','b'})
 */
record GrafanaMacros(Instant from, Instant to, Map<String, String> variables) {

    private static final Pattern TIME_GROUP = Pattern
        .compile("\\$__timeGroup(Alias)?\\(\\s*([^,()]+?)\\s*,\\s*'?(\\d+)([smhd])'?\\s*(?:,[^)]*)?\\)");

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(\\s*([^()]+?)\\s*\\)");

    private static final Pattern TIME = Pattern.compile("\\$__time\\(\\s*([^()]+?)\\s*\\)");

    private static final Pattern LEFTOVER = Pattern.compile("\\$\\{?\\w+|\\[\\[\\w+]]");

    String expand(String sql) {
        String expanded = replace(TIME_GROUP, sql, m -> {
            long seconds = Long.parseLong(m.group(3)) * switch (m.group(4)) {
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3_600;
                default -> 86_400;
            };
            return "floor(extract(epoch FROM " + m.group(2) + ") / " + seconds + ") * " + seconds
                    + (m.group(1) != null ? " AS \"time\"" : "");
        });
        expanded = replace(TIME_FILTER, expanded, m -> m.group(1) + " BETWEEN " + literal(from) + " AND " + literal(to));
        expanded = replace(TIME, expanded, m -> m.group(1) + " AS \"time\"");
        expanded = expanded.replace("$__timeFrom()", literal(from)).replace("$__timeTo()", literal(to));
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            expanded = expanded.replace("${" + variable.getKey() + "}", variable.getValue())
                .replace("[[" + variable.getKey() + "]]", variable.getValue())
                .replaceAll("\\$" + variable.getKey() + "\\b", Matcher.quoteReplacement(variable.getValue()));
        }
        Matcher leftover = LEFTOVER.matcher(expanded);
        if (leftover.find()) {
            throw new IllegalArgumentException("Unexpanded Grafana macro or variable '" + leftover.group() + "' in: " + sql);
        }
        return expanded;
    }

    /** Grafana sends the range as RFC 3339 UTC literals. */
    private static String literal(Instant instant) {
        return "'" + instant + "'";
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> by) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(by.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
