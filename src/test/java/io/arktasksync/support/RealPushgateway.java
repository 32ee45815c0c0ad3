package io.arktasksync.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus-pushgateway}, started by the test on a free loopback port without persistence, and
 * stopped by it: the real thing the job pushes to in production.
 */
public final class RealPushgateway implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;

    private final String url;

    private final Path log;

    private RealPushgateway(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    public static RealPushgateway start() throws IOException, InterruptedException {
        String binary = RequiredTool.find("prometheus-pushgateway", "prometheus-pushgateway");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("ark-pushgateway", ".log");
        Process process = new ProcessBuilder(List.of(binary, "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=", "--log.level=warn")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealPushgateway gateway = new RealPushgateway(process, "http://127.0.0.1:" + port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus-pushgateway exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                if (gateway.get("/-/ready").statusCode() == 200) {
                    return gateway;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        gateway.close();
        throw new AssertionError("prometheus-pushgateway was not ready within 30 s: " + Files.readString(log));
    }

    public String url() {
        return url;
    }

    /** Every sample the Pushgateway exposes to Prometheus, by series as written. */
    public Map<String, Double> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/metrics");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + response.statusCode() + ": " + response.body());
        }
        return PrometheusText.samples(response.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (IOException e) {
            // a temporary log left behind
        }
    }
}
