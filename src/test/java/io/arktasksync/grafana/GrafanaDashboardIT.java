package io.arktasksync.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.arktasksync.simulator.SimulatedTaskGenerator;
import io.arktasksync.support.SyncHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioned Grafana dashboard against a database with synced data: every panel's SQL, with Grafana's macros
 * expanded for the last 30 days, must run and return rows; the data source it names must be the provisioned one,
 * and docker-compose must mount what the provisioning reads.
 */
class GrafanaDashboardIT {

    private static final Path GRAFANA = Path.of("src/main/grafana");

    private static final Path DASHBOARD = GRAFANA.resolve("dashboards/ark-task-sync.json");

    private static final String DATASOURCE_UID = "ark-postgres";

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static SyncHarness harness;

    private static JsonNode dashboard;

    @BeforeAll
    static void syncTasksAndReadTheDashboard() throws IOException {
        harness = new SyncHarness();
        harness.api().putAll(SimulatedTaskGenerator.generate(1_500, 81L, NOW));
        assertThat(harness.sync()).isZero();
        // prices for some models and tiers only, so that the cost panels show both priced and unpriced tasks
        harness.jdbi().useHandle(h -> h.execute("""
                INSERT INTO ark.model_prices (model, service_tier, currency, price_per_million_tokens, valid_from)
                SELECT DISTINCT model, 'default', 'USD', 2.5, timestamptz '2020-01-01T00:00:00Z' FROM ark.tasks
                WHERE model LIKE 'doubao-seedance-1-0-%'"""));
        harness.jdbi().useHandle(h -> h.execute("""
                INSERT INTO ark.budgets VALUES ('all-usd', 'all', NULL, 'month', 100, 'USD')"""));
        dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    }

    @AfterAll
    static void tearDown() {
        harness.close();
    }

    @Test
    void shouldRunEveryPanelQueryAndGetRows() {
        // given
        GrafanaMacros macros = lastThirtyDays();
        List<JsonNode> targets = targets();
        assertThat(targets).hasSizeGreaterThanOrEqualTo(8);

        for (JsonNode target : targets) {
            // when
            String sql = macros.expand(target.get("rawSql").asString());
            List<Map<String, Object>> rows = harness.jdbi().withHandle(h -> h.createQuery(sql).mapToMap().list());

            // then
            assertThat(rows).as("rows of %s", sql).isNotEmpty();
            if (target.get("format").asString().equals("time_series")) {
                assertThat(rows).as("time column of %s", sql).allSatisfy(row -> assertThat(row.get("time")).isInstanceOf(Number.class));
            }
        }
    }

    @Test
    void shouldOfferEveryModelOfTheRangeAsAVariable() {
        // when
        List<String> models = modelVariableValues();

        // then
        assertThat(models).hasSize(5).isSorted();
    }

    @Test
    void shouldOfferEveryAccountOfTheRangeAsAVariable() {
        // when
        List<String> accounts = variableValues(1, "account");

        // then
        assertThat(accounts).containsExactly("default");
    }

    @Test
    void shouldShowCostAndTheUnpricedTokensApart() {
        // given
        GrafanaMacros macros = lastThirtyDays();
        String cost = macros.expand(panel("Cost").get("targets").get(0).get("rawSql").asString());
        String unpriced = macros.expand(panel("Unpriced tokens").get("targets").get(0).get("rawSql").asString());

        // when
        Map<String, Object> costRow = harness.jdbi().withHandle(h -> h.createQuery(cost).mapToMap().one());
        long unpricedTokens = harness.jdbi().withHandle(h -> h.createQuery(unpriced).mapTo(Long.class).one());

        // then
        assertThat(costRow.get("currency")).isEqualTo("USD");
        assertThat((java.math.BigDecimal) costRow.get("cost")).isPositive();
        assertThat(unpricedTokens).isEqualTo(harness.count("""
                SELECT sum(u.total_tokens) FROM ark.tasks t JOIN ark.task_usage u ON u.task_id = t.id
                WHERE t.model NOT LIKE 'doubao-seedance-1-0-%' OR t.service_tier <> 'default'"""));
    }

    @Test
    void shouldNameTheProvisionedDataSourceInEveryPanelAndQuery() throws IOException {
        // given
        Map<String, Object> datasource = first(yaml(GRAFANA.resolve("provisioning/datasources/ark-postgres.yaml")), "datasources");

        // then
        assertThat(datasource).containsEntry("uid", DATASOURCE_UID);
        List<JsonNode> sources = new ArrayList<>();
        panels().forEach(panel -> sources.add(panel.get("datasource")));
        targets().forEach(target -> sources.add(target.get("datasource")));
        dashboard.get("templating").get("list").forEach(variable -> sources.add(variable.get("datasource")));
        assertThat(sources).allSatisfy(source -> {
            assertThat(source.get("uid").asString()).isEqualTo(DATASOURCE_UID);
            assertThat(source.get("type").asString()).isEqualTo(datasource.get("type"));
        });
    }

    @Test
    void shouldMountWhatTheProvisioningReadsInDockerCompose() throws IOException {
        // given
        Map<String, Object> provider = first(yaml(GRAFANA.resolve("provisioning/dashboards/ark-task-sync.yaml")), "providers");
        String dashboardsPath = (String) ((Map<?, ?>) provider.get("options")).get("path");
        Map<?, ?> grafana = (Map<?, ?>) ((Map<?, ?>) yaml(Path.of("docker-compose.yml")).get("services")).get("grafana");

        // then
        assertThat(strings((List<?>) grafana.get("volumes"))).contains(
                "./src/main/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./src/main/grafana/dashboards:" + dashboardsPath + ":ro");
        assertThat(strings(((Map<?, ?>) grafana.get("environment")).keySet())).contains("ARK_GRAFANA_DB_HOST",
                "ARK_GRAFANA_DB_NAME", "ARK_GRAFANA_DB_USER", "ARK_GRAFANA_DB_PASSWORD", "ARK_GRAFANA_DB_SSLMODE");
    }

    @Test
    void shouldGiveEveryPanelAUniqueIdATitleAndADescription() {
        // when
        List<JsonNode> panels = panels();

        // then
        assertThat(panels).extracting(p -> p.get("id").asInt()).doesNotHaveDuplicates();
        assertThat(panels).allSatisfy(p -> {
            assertThat(p.get("title").asString()).isNotBlank();
            assertThat(p.get("description").asString()).isNotBlank();
        });
        assertThat(dashboard.get("uid").asString()).isEqualTo("ark-task-sync");
    }

    private static GrafanaMacros lastThirtyDays() {
        String models = modelVariableValues().stream().map(m -> "'" + m.replace("'", "''") + "'")
            .collect(Collectors.joining(","));
        String accounts = variableValues(1, "account").stream().map(a -> "'" + a.replace("'", "''") + "'")
            .collect(Collectors.joining(","));
        return new GrafanaMacros(NOW.minus(Duration.ofDays(30)), NOW, Map.of("model", models, "account", accounts));
    }

    /** The "model" variable's values, from its own query (Grafana runs it for the same time range). */
    private static List<String> modelVariableValues() {
        return variableValues(0, "model");
    }

    private static JsonNode panel(String title) {
        return panels().stream().filter(p -> p.get("title").asString().equals(title)).findFirst().orElseThrow();
    }

    private static List<String> variableValues(int index, String name) {
        JsonNode variable = dashboard.get("templating").get("list").get(index);
        assertThat(variable.get("name").asString()).isEqualTo(name);
        String sql = new GrafanaMacros(NOW.minus(Duration.ofDays(30)), NOW, Map.of()).expand(variable.get("query").asString());
        return harness.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    /** Every panel, those inside collapsed rows included. */
    private static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            panels.add(panel);
            if (panel.has("panels")) {
                panel.get("panels").forEach(panels::add);
            }
        }
        return panels.stream().filter(p -> !p.get("type").asString().equals("row")).toList();
    }

    private static List<JsonNode> targets() {
        List<JsonNode> targets = new ArrayList<>();
        panels().forEach(panel -> panel.get("targets").forEach(targets::add));
        return targets;
    }

    private static List<String> strings(java.util.Collection<?> values) {
        return values.stream().map(String::valueOf).toList();
    }

    private static Map<String, Object> yaml(Path path) throws IOException {
        try (Reader reader = Files.newBufferedReader(path)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> document, String list) {
        return ((List<Map<String, Object>>) document.get(list)).get(0);
    }
}
