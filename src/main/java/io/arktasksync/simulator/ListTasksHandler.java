package io.arktasksync.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every request the simulator receives, in the order a client would meet the checks.
 *
 * <p>Per request: record it; unknown path 404; non-GET 405; run the test hook; a queued fault, if any,
 * replaces the answer; wrong key 401; bad parameters 400; otherwise the page. The hook runs after the
 * request is recorded, so inside the hook {@code requestCount()} already includes the current request.
 * Anything unexpected (e.g. a hook that throws or fails an assertion) is answered with a 500 rather than a
 * dropped connection.
 */
final class ListTasksHandler implements HttpHandler {

    private final String listPath;
    private final String expectedAuthorization;
    private final TaskStore store;
    private final ListQueryParser parser;
    private final FaultInjector faults;
    private final RequestLog log;
    private final Supplier<Runnable> hook;
    private final JsonMapper mapper;
    private final WireFaults wireFaults;
    private final Supplier<Duration> delay;
    private final RelayQuirks quirks;
    private final ListingChurn churn;

    ListTasksHandler(String listPath, String apiKey, TaskStore store, ListQueryParser parser,
            FaultInjector faults, RequestLog log, Supplier<Runnable> hook, JsonMapper mapper,
            WireFaults wireFaults, Supplier<Duration> delay, RelayQuirks quirks, ListingChurn churn) {
        this.listPath = listPath;
        this.expectedAuthorization = "Bearer " + apiKey;
        this.store = store;
        this.parser = parser;
        this.faults = faults;
        this.log = log;
        this.hook = hook;
        this.mapper = mapper;
        this.wireFaults = wireFaults;
        this.delay = delay;
        this.quirks = quirks;
        this.churn = churn;
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
            pause(delay.get());
            Optional<WireFaults.WireFault> damage = wireFaults.next();
            if (damage.isPresent()) {
                ResponseSender.sendDamaged(exchange, response, damage.get());
            } else {
                ResponseSender.send(exchange, response);
            }
        } finally {
            exchange.close();
        }
    }

    private static void pause(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // the simulator is closing: answer at once
            Thread.currentThread().interrupt();
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
        Runnable beforeRequest = hook.get();
        if (beforeRequest != null) {
            beforeRequest.run();
        }
        Optional<SimulatedResponse> fault = faults.next();
        if (fault.isPresent()) {
            return fault.get();
        }
        if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return ApiError.unauthorized().toResponse(mapper);
        }
        ListQuery query = quirks.apply(parser.parse(rawQuery));
        churn.beforeListing(store);
        Page page = quirks.apply(store.page(query.filter(), query.pageNum(), query.pageSize(), quirks.oldestFirst()),
                mapper);
        if (page.stretched()) {
            return new SimulatedResponse(200, java.util.Map.of("Content-Type", "application/json"), null, page);
        }
        return SimulatedResponse.json(200, PageRenderer.render(page));
    }
}
