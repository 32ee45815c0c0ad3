package io.arktasksync.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;

import io.arktasksync.support.FakePushgateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushgatewayTest {

    private final FakePushgateway gateway = FakePushgateway.start();

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void shouldPostTheTextFormatToTheJobsGroupForTheAccount() throws Exception {
        // given
        Pushgateway pushgateway = new Pushgateway(gateway.url() + "/", "default", Duration.ofSeconds(5));

        // when
        pushgateway.push("ark_sync_pages_total 3.0\n");

        // then
        assertThat(gateway.pushes()).singleElement().satisfies(push -> {
            assertThat(push.method()).isEqualTo("POST");
            assertThat(push.path()).isEqualTo("/metrics/job/ark-task-sync/account/default");
            assertThat(push.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(push.body()).isEqualTo("ark_sync_pages_total 3.0\n");
        });
    }

    @Test
    void shouldEncodeAnAccountThatAPathCannotCarryAsBase64() {
        // given / when / then
        assertThat(Pushgateway.labelPath("account", "team-a_1.prod")).isEqualTo("account/team-a_1.prod");
        assertThat(Pushgateway.labelPath("account", "team/a b")).isEqualTo("account@base64/dGVhbS9hIGI=");
    }

    @Test
    void shouldFailWithTheStatusWhenThePushgatewayRefuses() {
        // given
        gateway.answer(400, "pushed metrics are invalid or inconsistent with existing metrics");
        Pushgateway pushgateway = new Pushgateway(gateway.url(), "default", Duration.ofSeconds(5));

        // when
        IOException e = catchThrowableOfType(IOException.class, () -> pushgateway.push("x 1\n"));

        // then
        assertThat(e).hasMessageContaining("HTTP 400").hasMessageContaining("inconsistent");
    }
}
