package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The html page's parts that need no browser: the chart's axis and the top end users (issue 22). */
class HtmlFormatterTest {

    private static final LocalDate FROM = LocalDate.parse("2026-11-01");

    private static final LocalDate TO = LocalDate.parse("2026-11-30");

    @Test
    void shouldStartTheChartsAxisAtTheFirstDayWithDataAndEndItAtTheLastDayAsked() {
        // given: a 30-day report of which only the last 8 days hold tasks
        String html = format(List.of(day("2026-11-23", 100L), day("2026-11-30", 50L)), List.of());

        // when
        String chart = html.substring(html.indexOf("<svg id=\"tokens-chart\""), html.indexOf("</svg>"));

        // then: a day label for each of the 8 days, none before them
        assertThat(chart).contains(">11-23</text>").contains(">11-30</text>").doesNotContain(">11-22</text>")
            .doesNotContain(">11-01</text>");
    }

    @Test
    void shouldListTheEndUsersWithTheMostTokensAndTheTasksWithoutOne() {
        // given
        List<ReportRow> users = List.of(user("user-a", 10L), user(null, 500L), user("user-b", 70L));

        // when
        String html = format(List.of(day("2026-11-23", 580L)), Overview.top(users));

        // then: by tokens, the tasks without an end user kept as "(none)"
        String table = html.substring(html.indexOf("<table id=\"top-users\""));
        assertThat(table.indexOf("(none)")).isLessThan(table.indexOf("user-b"));
        assertThat(table.indexOf("user-b")).isLessThan(table.indexOf("user-a"));
    }

    private static String format(List<ReportRow> daily, List<ReportRow> topUsers) {
        ReportOptions options = new ReportOptions(FROM, TO, List.of(ReportGrouping.DAY), ReportFormat.HTML, true, null);
        Overview overview = new Overview(Instant.parse("2026-11-30T12:00:00Z"), daily, List.of(), List.of(),
                new Overview.Outcomes(1, 1, 0, 0), topUsers);
        return new HtmlFormatter().format(new Report(options, List.of(), List.of(), overview));
    }

    private static ReportRow day(String day, Long tokens) {
        return new ReportRow(Arrays.asList(day, "m"), 1, 1, tokens, tokens, Map.of("USD", BigDecimal.ONE), 0, null);
    }

    private static ReportRow user(String user, Long tokens) {
        return new ReportRow(Arrays.asList(user), 1, 1, tokens, tokens, Map.of(), 0, null);
    }
}
