package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
                Tokens as reported by the API; tasks without usage (queued, running, most failures) add none (-: none reported).
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
        Report report = new Report(new ReportOptions(java.time.LocalDate.parse("2026-11-01"),
                java.time.LocalDate.parse("2026-11-01"), ReportGrouping.TIER, ReportFormat.TABLE),
                List.of(new ReportRow("flex", 1, 1, 5L, 5L)));

        // when
        String table = formatter.format(report);

        // then
        assertThat(table.lines().skip(1).findFirst().orElseThrow()).startsWith("service tier  tasks");
    }
}
