package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportOptionsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @Test
    void shouldDefaultToTheLast30DaysByDayAsATable() {
        // when
        ReportOptions options = ReportOptions.parse(List.of(), TODAY);

        // then
        assertThat(options).isEqualTo(new ReportOptions(LocalDate.parse("2026-10-27"), TODAY, ReportGrouping.DAY,
                ReportFormat.TABLE));
    }

    @Test
    void shouldTakeEveryOptionAsTwoArguments() {
        // when
        ReportOptions options = ReportOptions.parse(
                List.of("--from", "2026-11-01", "--to", "2026-11-10", "--by", "model", "--format", "csv"), TODAY);

        // then
        assertThat(options).isEqualTo(new ReportOptions(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-10"),
                ReportGrouping.MODEL, ReportFormat.CSV));
    }

    @Test
    void shouldTakeEveryOptionAsNameEqualsValueInAnyOrderAndCase() {
        // when
        ReportOptions options = ReportOptions.parse(
                List.of("--format=JSON", "--by=Tier", "--to=2026-11-10", "--from=2026-11-10"), TODAY);

        // then
        assertThat(options).isEqualTo(new ReportOptions(LocalDate.parse("2026-11-10"), LocalDate.parse("2026-11-10"),
                ReportGrouping.TIER, ReportFormat.JSON));
    }

    @Test
    void shouldRunFromTheGivenDayToTodayWhenOnlyFromIsGiven() {
        // when
        ReportOptions options = ReportOptions.parse(List.of("--from", "2026-01-01"), TODAY);

        // then
        assertThat(options.from()).isEqualTo("2026-01-01");
        assertThat(options.to()).isEqualTo(TODAY);
    }

    @Test
    void shouldCover30DaysUpToTheGivenDayWhenOnlyToIsGiven() {
        // when
        ReportOptions options = ReportOptions.parse(List.of("--to", "2026-03-31"), TODAY);

        // then
        assertThat(options.from()).isEqualTo("2026-03-02");
        assertThat(options.to()).isEqualTo("2026-03-31");
    }

    @Test
    void shouldMapEveryGroupingToAColumnOfTheViews() {
        // when / then
        assertThat(ReportOptions.parse(List.of("--by", "day"), TODAY).by()).containsExactly(ReportGrouping.DAY);
        assertThat(ReportOptions.parse(List.of("--by", "model"), TODAY).by().get(0).column()).isEqualTo("model");
        assertThat(ReportOptions.parse(List.of("--by", "tier"), TODAY).by().get(0).column()).isEqualTo("service_tier");
        assertThat(ReportOptions.parse(List.of("--by", "status"), TODAY).by().get(0).column()).isEqualTo("status");
        assertThat(ReportOptions.parse(List.of("--by", "account"), TODAY).by().get(0).column()).isEqualTo("account");
        assertThat(ReportOptions.parse(List.of("--by", "month"), TODAY).by().get(0).column()).isEqualTo("month");
    }

    @Test
    void shouldCombineGroupingsInTheOrderGivenWithCostAndAccount() {
        // when
        ReportOptions options = ReportOptions.parse(List.of("--by", "month,Account,tier", "--cost", "--account",
                "team-a", "--format=html"), TODAY);

        // then
        assertThat(options.by()).containsExactly(ReportGrouping.MONTH, ReportGrouping.ACCOUNT, ReportGrouping.TIER);
        assertThat(options.byOptions()).isEqualTo("month,account,tier");
        assertThat(options.cost()).isTrue();
        assertThat(options.account()).isEqualTo("team-a");
        assertThat(options.format()).isEqualTo(ReportFormat.HTML);
    }

    @Test
    void shouldLeaveCostOutAndCoverEveryAccountByDefault() {
        // when
        ReportOptions options = ReportOptions.parse(List.of(), TODAY);

        // then
        assertThat(options.cost()).isFalse();
        assertThat(options.account()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--from 2026-13-01                 | --from '2026-13-01' is not a date; use YYYY-MM-DD",
        "--to yesterday                    | --to 'yesterday' is not a date; use YYYY-MM-DD",
        "--from 2026-11-20 --to 2026-11-01 | --from 2026-11-20 is after --to 2026-11-01",
        "--from 2026-12-01                 | --from 2026-12-01 is after --to 2026-11-25",
        "--by week                         | --by 'week' is not a list of day|month|account|model|tier|status",
        "--by model,week                   | --by 'model,week' is not a list of",
        "--by model,                       | --by 'model,' is not a list of",
        "--by model,model                  | --by 'model,model' names model twice",
        "--by day,month                    | names both day and month",
        "--format xml                      | --format 'xml' is not one of table|csv|json|html",
        "--cost=yes                        | --cost takes no value",
        "--cost --cost                     | --cost is given more than once",
        "--account                         | --account needs a value",
        "--account= --cost                 | --account needs a value",
        "--by                              | --by needs a value",
        "--by=                             | --by needs a value",
        "--by --format csv                 | --by needs a value",
        "--by day --by model               | --by is given more than once",
        "--since 2026-11-01                | unknown option '--since'",
    })
    void shouldRejectABadOptionWithOneLineNamingIt(String arguments, String expected) {
        // when / then
        assertThatThrownBy(() -> ReportOptions.parse(List.of(arguments.split(" ")), TODAY))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("report: ")
            .hasMessageContaining(expected)
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
