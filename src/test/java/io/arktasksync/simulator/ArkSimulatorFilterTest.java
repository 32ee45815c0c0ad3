package io.arktasksync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ArkSimulatorFilterTest {

    private ArkSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = ArkSimulator.start("/api/v3", SimulatorClient.API_KEY);
        client = new SimulatorClient(simulator);
        simulator.put(TestTasks.task("cgt-1", TestTasks.PRO, "succeeded", "default", 100));
        simulator.put(TestTasks.task("cgt-2", TestTasks.PRO, "failed", "default", 200));
        simulator.put(TestTasks.task("cgt-3", TestTasks.LITE, "succeeded", "default", 300));
        simulator.put(TestTasks.task("cgt-4", TestTasks.LITE, "running", "default", 400));
        simulator.put(TestTasks.task("cgt-5", TestTasks.PRO, "succeeded", "flex", 500));
        simulator.put(TestTasks.task("cgt-6", TestTasks.LITE, "queued", "flex", 600));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldHideFlexTasksWhenTierFilterIsOmitted() {
        JsonNode body = client.listOk("page_num=1&page_size=100");

        assertThat(body.get("total").asLong()).isEqualTo(4);
        assertThat(SimulatorClient.ids(body)).containsExactly("cgt-4", "cgt-3", "cgt-2", "cgt-1");
    }

    @Test
    void shouldListDefaultTierExplicitly() {
        assertThat(client.ids("page_num=1&page_size=100&filter.service_tier=default"))
                .containsExactly("cgt-4", "cgt-3", "cgt-2", "cgt-1");
    }

    @Test
    void shouldListOnlyFlexTasksWhenTierIsFlex() {
        JsonNode body = client.listOk("page_num=1&page_size=100&filter.service_tier=flex");

        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(SimulatorClient.ids(body)).containsExactly("cgt-6", "cgt-5");
    }

    @Test
    void shouldRejectUnknownServiceTier() {
        HttpResponse<String> response = client.list("page_num=1&page_size=10&filter.service_tier=scale");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SimulatorClient.parse(response.body()).at("/error/code").asString())
                .isEqualTo("InvalidParameter.filter.service_tier");
    }

    @Test
    void shouldFilterByStatus() {
        JsonNode body = client.listOk("page_num=1&page_size=100&filter.status=succeeded");

        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(SimulatorClient.ids(body)).containsExactly("cgt-3", "cgt-1");
    }

    @Test
    void shouldFilterByModel() {
        assertThat(client.ids("page_num=1&page_size=100&filter.model=" + TestTasks.LITE))
                .containsExactly("cgt-4", "cgt-3");
    }

    @Test
    void shouldCombineFiltersAndCountTotalAcrossPages() {
        JsonNode body = client.listOk(
                "page_num=1&page_size=1&filter.model=" + TestTasks.PRO + "&filter.service_tier=default");

        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(SimulatorClient.ids(body)).containsExactly("cgt-2");
        assertThat(client.ids("page_num=2&page_size=1&filter.model=" + TestTasks.PRO)).containsExactly("cgt-1");
        assertThat(client.ids("page_num=1&page_size=10&filter.status=succeeded&filter.service_tier=flex"))
                .containsExactly("cgt-5");
    }

    @Test
    void shouldFilterByRepeatedTaskIds() {
        JsonNode body = client.listOk(
                "page_num=1&page_size=10&filter.task_ids=cgt-1&filter.task_ids=cgt-3&filter.task_ids=cgt-missing");

        assertThat(body.get("total").asLong()).isEqualTo(2);
        assertThat(SimulatorClient.ids(body)).containsExactly("cgt-3", "cgt-1");
    }

    @Test
    void shouldApplyTierFilterToTaskIdsToo() {
        assertThat(client.ids("page_num=1&page_size=10&filter.task_ids=cgt-5&filter.task_ids=cgt-1"))
                .containsExactly("cgt-1");
        assertThat(client.ids("page_num=1&page_size=10&filter.task_ids=cgt-5&filter.service_tier=flex"))
                .containsExactly("cgt-5");
    }

    @Test
    void shouldPageTaskIdResults() {
        String ids = "filter.task_ids=cgt-1&filter.task_ids=cgt-2&filter.task_ids=cgt-3";

        assertThat(client.ids("page_num=1&page_size=2&" + ids)).containsExactly("cgt-3", "cgt-2");
        assertThat(client.ids("page_num=2&page_size=2&" + ids)).containsExactly("cgt-1");
    }

    @Test
    void shouldDecodePercentEncodedIdsAndModels() {
        String oddId = "cgt-a&b=c+d/é";
        String oddModel = "ep-2025 model&tier=flex";
        simulator.put(TestTasks.task(oddId, oddModel, "succeeded", "default", 900));

        assertThat(client.ids("page_num=1&page_size=10&filter.task_ids=" + encode(oddId))).containsExactly(oddId);
        assertThat(client.ids("page_num=1&page_size=10&filter.model=" + encode(oddModel))).containsExactly(oddId);
    }

    @Test
    void shouldTreatEmptyFilterValuesAsOmitted() {
        assertThat(client.listOk("page_num=1&page_size=100&filter.status=&filter.model=").get("total").asLong())
                .isEqualTo(4);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
