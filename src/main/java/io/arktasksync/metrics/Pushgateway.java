package io.arktasksync.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Sends metrics in the Prometheus text format to one group of a Prometheus Pushgateway
 * ({@code {url}/metrics/job/{job}/account/{account}}), the way short-lived jobs report. POST replaces the metrics
 * of the names it carries and keeps the others of the group: a failed run does not send the last success's time,
 * so the previous success's stays visible.
 */
final class Pushgateway {

    static final String JOB = "ark-task-sync";

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Label values the Pushgateway takes as they are in a path; others go base64url-encoded. */
    private static final Pattern PLAIN_LABEL_VALUE = Pattern.compile("[A-Za-z0-9._~-]+");

    private final URI groupUrl;

    private final Duration timeout;

    private final HttpClient http;

    Pushgateway(String baseUrl, String account, Duration timeout) {
        String base = baseUrl.trim().replaceAll("/+$", "");
        this.groupUrl = URI.create(base + "/metrics/job/" + JOB + "/" + labelPath("account", account));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Where the metrics go; carries no credentials (the settings refuse them). */
    URI groupUrl() {
        return groupUrl;
    }

    /** @throws IOException when the Pushgateway cannot be reached or answers anything but 2xx */
    void push(String metrics) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(groupUrl)
            .timeout(timeout)
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(metrics, StandardCharsets.UTF_8))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            String body = response.body().strip();
            throw new IOException("the Pushgateway answered HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body)));
        }
    }

    /** {@code name/value}, or {@code name@base64/...} for a value the path cannot carry as it is (a slash, say). */
    static String labelPath(String name, String value) {
        if (PLAIN_LABEL_VALUE.matcher(value).matches()) {
            return name + "/" + value;
        }
        return name + "@base64/" + Base64.getUrlEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
