package io.arktasksync.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** Writes a {@link SimulatedResponse} to an exchange with an exact Content-Length, so keep-alive keeps working. */
final class ResponseSender {

    private ResponseSender() {
    }

    static void send(HttpExchange exchange, SimulatedResponse response) throws IOException {
        if (response.page() != null) {
            sendStretched(exchange, response);
            return;
        }
        sendHeaders(exchange, response);
        byte[] body = response.body();
        if (bodyAllowed(exchange, response)) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A page with filler streamed into its items: written as it goes, never built (it may be hundreds of MB). */
    private static void sendStretched(HttpExchange exchange, SimulatedResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(response.status(), PageRenderer.length(response.page()));
        try (OutputStream out = exchange.getResponseBody()) {
            PageRenderer.write(response.page(), out);
        }
    }

    static boolean bodyAllowed(HttpExchange exchange, SimulatedResponse response) {
        return response.body().length > 0 && !"HEAD".equalsIgnoreCase(exchange.getRequestMethod())
                && response.status() != 204 && response.status() != 304;
    }

    static void sendHeaders(HttpExchange exchange, SimulatedResponse response) throws IOException {
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            if (!isFramingHeader(header.getKey())) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
        }
        exchange.sendResponseHeaders(response.status(),
                bodyAllowed(exchange, response) ? response.body().length : -1);
    }

    /** The server frames the body itself; a canned value for these would corrupt the connection. */
    private static boolean isFramingHeader(String name) {
        return "Content-Length".equalsIgnoreCase(name) || "Transfer-Encoding".equalsIgnoreCase(name);
    }
}
