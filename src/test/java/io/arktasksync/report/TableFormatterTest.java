package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TableFormatterTest {

    private final TableFormatter formatter = new TableFormatter();

    @Test
    void shouldPrintATitleAlignedColumnsAndAGrandTotal() {
        // when
        String table = formatter.format(ReportFixtures.byModel(ReportFormat.TABLE));

        // then
        assertThat(table).isEqualTo("""
                Tasks created 2026-11-01 to 2026-11-30 (UTC days), by model
                model                           tasks  with usage  completion tokens  total tokens
                ------------------------------  -----  ----------  -----------------  ------------
                doubao-seedance-1-0-pro-250528  1,200       1,100        119,790,000   119,790,000
                endpoint, "quoted"                  3           0                  -             -
                seedance-1-5-pro-251215            40          35          3,811,500     3,811,600
                (none)                              2           1                  0             0
                ------------------------------  -----  ----------  -----------------  ------------
                total                           1,245       1,136        123,601,500   123,601,600
                -: no task of the row reported usage (queued, running, most failures): not reported, not zero.
                """);
    }

    @Test
    void shouldShowOneTokenColumnAndNoFootnoteWhenCompletionEqualsTotalAndEveryRowReported() {
        // given
        Report report = new Report(new ReportOptions(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
                ReportGrouping.TIER, ReportFormat.TABLE), List.of(new ReportRow("default", 10, 9, 900L, 900L),
                        new ReportRow("flex", 2, 2, 50L, 50L)));

        // when
        String table = formatter.format(report);

        // then
        assertThat(table).isEqualTo("""
                Tasks created 2026-11-01 to 2026-11-30 (UTC days), by tier
                service tier  tasks  with usage  tokens
                ------------  -----  ----------  ------
                default          10           9     900
                flex              2           2      50
                ------------  -----  ----------  ------
                total            12          11     950
                Completion tokens equal total tokens on every row: one column shows both.
                """);
    }

    @Test
    void shouldCountTheSucceededTasksWithoutUsageAndNeverShowTheirTokensAsZero() {
        // given: a row of tasks synced through a relay that trims usage, and one partly so
        Report report = new Report(new ReportOptions(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
                ReportGrouping.TIER, ReportFormat.TABLE), List.of(
                        new ReportRow(List.of("default"), 10, 6, 600L, 600L, Map.of(), 0, null, 3),
                        new ReportRow(List.of("flex"), 853, 0, null, null, Map.of(), 0, null, 853)));

        // when
        String table = formatter.format(report);

        // then
        assertThat(table).isEqualTo("""
                Tasks created 2026-11-01 to 2026-11-30 (UTC days), by tier
                service tier  tasks  with usage  tokens  no usage
                ------------  -----  ----------  ------  --------
                default          10           6     600         3
                flex            853           0       -       853
                ------------  -----  ----------  ------  --------
                total           863           6     600       856
                -: no task of the row reported usage (queued, running, most failures): not reported, not zero.
                856 succeeded tasks reported no usage (synced through a relay that trims items?): their tokens are not reported, left out of the sums, not zero.
                Completion tokens equal total tokens on every row: one column shows both.
                """);
    }

    @Test
    void shouldShowCostPerCurrencyMarkUnpricedUsageAndSayWhatIsLeftOut() {
        // given: month and account; a partial month; USD and CNY; a row priced in part and one not at all
        ReportOptions options = new ReportOptions(LocalDate.parse("2026-10-15"), LocalDate.parse("2026-11-30"),
                List.of(ReportGrouping.MONTH, ReportGrouping.ACCOUNT), ReportFormat.TABLE, true, null);
        Report report = new Report(options, List.of(), List.of(
                new ReportRow(List.of("2026-10", "team-a"), 4, 4, 4_000_000L, 4_000_000L,
                        Map.of("USD", new BigDecimal("10.005")), 0, null),
                new ReportRow(List.of("2026-11", "team-a"), 5, 4, 5_000_000L, 5_000_000L,
                        Map.of("USD", new BigDecimal("2.50"), "CNY", new BigDecimal("15")), 1, 1_000_000L),
                new ReportRow(List.of("2026-11", "team-b"), 1, 1, 7L, 7L, Map.of(), 1, 7L),
                new ReportRow(List.of("2026-11", "team-c"), 2, 0, null, null, Map.of(), 0, null)), null);

        // when
        String table = formatter.format(report);

        // then
        assertThat(table).isEqualTo("""
                Tasks created 2026-10-15 to 2026-11-30 (UTC days), by month,account
                month    account  tasks  with usage     tokens                    cost
                -------  -------  -----  ----------  ---------  ----------------------
                2026-10  team-a       4           4  4,000,000               10.01 USD
                2026-11  team-a       5           4  5,000,000   15.00 CNY + 2.50 USD*
                2026-11  team-b       1           1          7                unpriced
                2026-11  team-c       2           0          -                       -
                -------  -------  -----  ----------  ---------  ----------------------
                total                12           9  9,000,007  15.00 CNY + 12.51 USD*
                -: no task of the row reported usage (queued, running, most failures): not reported, not zero.
                Completion tokens equal total tokens on every row: one column shows both.
                * 2 tasks with 1,000,007 tokens have no price in ark.model_prices: their cost is left out, not zero (see src/docs/reporting.md).
                Only part of 2026-10 is in the range 2026-10-15 to 2026-11-30 (give --from and --to for whole months).
                """);
    }

    @Test
    void shouldAlignEveryLineToTheSameWidth() {
        // when
        List<String> lines = formatter.format(ReportFixtures.byModel(ReportFormat.TABLE)).lines().toList();

        // then: header, rules, rows and total all end in the same column
        assertThat(lines.subList(1, lines.size() - 1)).extracting(String::length).containsOnly(lines.get(1).length());
    }

    @Test
    void shouldNameTheServiceTierColumnReadably() {
        // given
        Report report = new Report(new ReportOptions(LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-11-01"), ReportGrouping.TIER, ReportFormat.TABLE),
                List.of(new ReportRow("flex", 1, 1, 5L, 5L)));

        // when
        String table = formatter.format(report);

        // then
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).startsWith("service tier  tasks");
    }
}
