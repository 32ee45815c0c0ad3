package io.arktasksync.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

class ArkSimulatorErrorsTest {

    private static final String UNAUTHORIZED_BODY = "{\"error\":{\"code\":\"AuthenticationError\","
            + "\"message\":\"The API key in the request is missing or invalid.\","
            + "\"param\":\"\",\"type\":\"Unauthorized\"}}";

    private ArkSimulator simulator;
    private SimulatorClient client;

    @BeforeEach
    void start() {
        simulator = ArkSimulator.start("/api/v3", SimulatorClient.API_KEY);
        client = new SimulatorClient(simulator);
        simulator.put(TestTasks.succeeded("cgt-1", 100));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldAnswer401WhenApiKeyIsMissing() {
        HttpResponse<String> response = client.send(client.listRequest("page_num=1&page_size=10").GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED_BODY);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void shouldAnswer401WhenApiKeyIsWrong() {
        HttpResponse<String> response = client.send(client.listRequest("page_num=1&page_size=10")
                .header("Authorization", "Bearer not-the-key").GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED_BODY);
    }

    @Test
    void shouldRejectPageNumAboveDefaultMaximumOf500() {
        assertThat(client.list("page_num=500&page_size=10").statusCode()).isEqualTo(200);

        HttpResponse<String> response = client.list("page_num=501&page_size=10");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = SimulatorClient.parse(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("InvalidParameter.page_num");
        assertThat(error.get("param").asString()).isEqualTo("page_num");
        assertThat(error.get("type").asString()).isEqualTo("BadRequest");
        assertThat(error.get("message").asString()).isNotBlank();
    }

    @Test
    void shouldRejectPageNumAboveConfiguredMaximum() {
        simulator.setMaxPageNum(3);

        assertThat(client.list("page_num=3&page_size=10").statusCode()).isEqualTo(200);
        assertThat(errorCode(client.list("page_num=4&page_size=10"))).isEqualTo("InvalidParameter.page_num");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page_num=0", "page_num=-1", "page_num=abc", "page_num=", "page_num=1.5",
            "page_num=99999999999"})
    void shouldRejectInvalidPageNum(String query) {
        assertThat(errorCode(client.list(query + "&page_size=10"))).isEqualTo("InvalidParameter.page_num");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page_size=501", "page_size=0", "page_size=ten"})
    void shouldRejectInvalidPageSize(String query) {
        assertThat(errorCode(client.list("page_num=1&" + query))).isEqualTo("InvalidParameter.page_size");
    }

    @Test
    void shouldAcceptPageSizeOf500() {
        assertThat(client.list("page_num=1&page_size=500").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer400ForBrokenPercentEncoding() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.getOutputStream().write(("GET /api/v3/contents/generations/tasks?filter.model=%zz HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + SimulatorClient.API_KEY + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void shouldAnswer404WithErrorBodyForOtherPaths() {
        String root = "http://127.0.0.1:" + simulator.port();
        for (String path : new String[] {"/contents/generations/tasks", "/api/v3/contents/generations/tasks/cgt-1",
                "/api/v3/chat/completions", "/"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(root + path))
                    .header("Authorization", "Bearer " + SimulatorClient.API_KEY).GET().build());

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(errorCode(response)).as(path).isEqualTo("NotFound");
        }
    }

    @Test
    void shouldAnswer405ForNonGetMethods() {
        HttpResponse<String> response = client.send(client.listRequest("")
                .header("Authorization", "Bearer " + SimulatorClient.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(errorCode(response)).isEqualTo("MethodNotAllowed");
    }

    @Test
    void shouldCountRejectedRequests() {
        client.send(client.listRequest("page_num=1").GET().build());
        client.list("page_num=9999");
        client.list("page_num=1");

        assertThat(simulator.requestCount()).isEqualTo(3);
    }

    private static String errorCode(HttpResponse<String> response) {
        return SimulatorClient.parse(response.body()).at("/error/code").asString();
    }
}
