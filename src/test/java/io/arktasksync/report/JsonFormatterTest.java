package io.arktasksync.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonFormatterTest {

    private final JsonFormatter formatter = new JsonFormatter();

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void shouldWriteTheRangeTheRowsAndTheTotal() {
        // when
        JsonNode json = mapper.readTree(formatter.format(ReportFixtures.byModel(ReportFormat.JSON)));

        // then
        assertThat(json.get("from").asString()).isEqualTo("2026-11-01");
        assertThat(json.get("to").asString()).isEqualTo("2026-11-30");
        assertThat(json.get("by").asString()).isEqualTo("model");
        assertThat(json.get("rows")).hasSize(4);
        JsonNode first = json.get("rows").get(0);
        assertThat(first.get("model").asString()).isEqualTo("doubao-seedance-1-0-pro-250528");
        assertThat(first.get("tasks").asLong()).isEqualTo(1200);
        assertThat(first.get("tasks_with_usage").asLong()).isEqualTo(1100);
        assertThat(first.get("completion_tokens").asLong()).isEqualTo(119_790_000L);
        assertThat(first.get("total_tokens").asLong()).isEqualTo(119_790_000L);
        JsonNode total = json.get("total");
        assertThat(total.get("tasks").asLong()).isEqualTo(1245);
        assertThat(total.get("tasks_with_usage").asLong()).isEqualTo(1136);
        assertThat(total.get("completion_tokens").asLong()).isEqualTo(123_601_500L);
        assertThat(total.get("total_tokens").asLong()).isEqualTo(123_601_600L);
    }

    @Test
    void shouldWriteNullWhereNoUsageWasReportedAndForAMissingKey() {
        // when
        JsonNode rows = mapper.readTree(formatter.format(ReportFixtures.byModel(ReportFormat.JSON))).get("rows");

        // then
        assertThat(rows.get(1).get("completion_tokens").isNull()).isTrue();
        assertThat(rows.get(1).get("total_tokens").isNull()).isTrue();
        assertThat(rows.get(3).get("model").isNull()).isTrue();
        assertThat(rows.get(3).get("total_tokens").asLong()).isZero();
    }

    @Test
    void shouldWriteAnEmptyListAndZeroTasksWhenThereAreNoRows() {
        // when
        JsonNode json = mapper.readTree(formatter.format(ReportFixtures.empty(ReportFormat.JSON)));

        // then
        assertThat(json.get("rows").isArray()).isTrue();
        assertThat(json.get("rows")).isEmpty();
        assertThat(json.get("total").get("tasks").asLong()).isZero();
        assertThat(json.get("total").get("total_tokens").isNull()).isTrue();
    }
}
