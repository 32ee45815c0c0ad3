package io.arktasksync.simulator;

import java.io.IOException;
import java.util.Optional;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every request the simulator receives, in the order a client would meet the checks.
 *
 * <p>Per request: record it; unknown path 404; non-GET 405; the {@link Misbehaviour}'s hook and queued fault, if
 * any (a fault replaces the answer); wrong key 401; bad parameters 400; otherwise the page. The hook runs after the
 * request is recorded, so inside the hook {@code requestCount()} already includes the current request.
 * Anything unexpected (e.g. a hook that throws or fails an assertion) is answered with a 500 rather than a
 * dropped connection.
 */
final class ListTasksHandler implements HttpHandler {

    private final String listPath;
    private final String expectedAuthorization;
    private final TaskStore store;
    private final ListQueryParser parser;
    private final RequestLog log;
    private final JsonMapper mapper;
    private final Misbehaviour misbehaviour;

    ListTasksHandler(String listPath, String apiKey, TaskStore store, ListQueryParser parser, RequestLog log,
            JsonMapper mapper, Misbehaviour misbehaviour) {
        this.listPath = listPath;
        this.expectedAuthorization = "Bearer " + apiKey;
        this.store = store;
        this.parser = parser;
        this.log = log;
        this.mapper = mapper;
        this.misbehaviour = misbehaviour;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            SimulatedResponse response;
            try {
                response = answer(exchange);
            } catch (ApiErrorException e) {
                response = e.error().toResponse(mapper);
            } catch (RuntimeException | AssertionError e) {
                response = ApiError.internal(e.toString()).toResponse(mapper);
            }
            if (!misbehaviour.send(exchange, response)) {
                ResponseSender.send(exchange, response);
            }
        } finally {
            exchange.close();
        }
    }

    private SimulatedResponse answer(HttpExchange exchange) {
        String rawQuery = exchange.getRequestURI().getRawQuery();
        log.record(rawQuery);
        if (!listPath.equals(exchange.getRequestURI().getRawPath())) {
            return ApiError.notFound().toResponse(mapper);
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            return ApiError.methodNotAllowed(exchange.getRequestMethod()).toResponse(mapper).withHeader("Allow", "GET");
        }
        Optional<SimulatedResponse> fault = misbehaviour.beforeAnswer();
        if (fault.isPresent()) {
            return fault.get();
        }
        if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return ApiError.unauthorized().toResponse(mapper);
        }
        ListQuery query = misbehaviour.query(parser.parse(rawQuery));
        misbehaviour.beforeListing(store);
        Page page = misbehaviour.page(store.page(query.filter(), query.pageNum(), query.pageSize(),
                misbehaviour.oldestFirst()), mapper);
        if (page.stretched()) {
            return new SimulatedResponse(200, java.util.Map.of("Content-Type", "application/json"), null, page);
        }
        return SimulatedResponse.json(200, PageRenderer.render(page));
    }
}
