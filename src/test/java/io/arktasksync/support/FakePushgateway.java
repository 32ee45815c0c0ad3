package io.arktasksync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Prometheus Pushgateway as far as a push goes: accepts every request on loopback, records it, and answers 200
 * (or what {@link #answer} says).
 */
public final class FakePushgateway implements AutoCloseable {

    /** One request received. */
    public record Push(String method, String path, String contentType, String body) {

        /** The pushed samples by series, see {@link PrometheusText#samples}. */
        public Map<String, Double> samples() {
            return PrometheusText.samples(body);
        }
    }

    private final HttpServer server;

    private final List<Push> pushes = new ArrayList<>();

    private volatile int status = 200;

    private volatile String answer = "";

    private FakePushgateway(HttpServer server) {
        this.server = server;
    }

    public static FakePushgateway start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakePushgateway gateway = new FakePushgateway(server);
            server.createContext("/", gateway::handle);
            server.start();
            return gateway;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Pushgateway", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every later request gets this status and body. */
    public void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    public List<Push> pushes() {
        synchronized (pushes) {
            return List.copyOf(pushes);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (pushes) {
                pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            byte[] response = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
                exchange.getResponseBody().write(response);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
