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
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            if (!isFramingHeader(header.getKey())) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
        }
        byte[] body = response.body();
        boolean bodyAllowed = body.length > 0 && !"HEAD".equalsIgnoreCase(exchange.getRequestMethod())
                && response.status() != 204 && response.status() != 304;
        exchange.sendResponseHeaders(response.status(), bodyAllowed ? body.length : -1);
        if (bodyAllowed) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The server frames the body itself; a canned value for these would corrupt the connection. */
    private static boolean isFramingHeader(String name) {
        return "Content-Length".equalsIgnoreCase(name) || "Transfer-Encoding".equalsIgnoreCase(name);
    }
}
