package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvFormatterTest {

    private final CsvFormatter formatter = new CsvFormatter();

    @Test
    void shouldWriteAHeaderAndOneLinePerRowWithPlainNumbersAndNoTotal() {
        // when
        String csv = formatter.format(ReportFixtures.byModel(ReportFormat.CSV));

        // then
        assertThat(csv).isEqualTo("""
                model,tasks,tasks_with_usage,completion_tokens,total_tokens
                doubao-seedance-1-0-pro-250528,1200,1100,119790000,119790000
                "endpoint, ""quoted\""",3,0,,
                seedance-1-5-pro-251215,40,35,3811500,3811600
                ,2,1,0,0
                """);
    }

    @Test
    void shouldWriteOnlyTheHeaderWhenThereAreNoRows() {
        // when
        String csv = formatter.format(ReportFixtures.empty(ReportFormat.CSV));

        // then
        assertThat(csv).isEqualTo("day,tasks,tasks_with_usage,completion_tokens,total_tokens\n");
    }

    @Test
    void shouldQuoteOnlyFieldsThatNeedIt() {
        // when / then
        assertThat(CsvFormatter.field("plain")).isEqualTo("plain");
        assertThat(CsvFormatter.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvFormatter.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CsvFormatter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvFormatter.field(null)).isEmpty();
    }
}
