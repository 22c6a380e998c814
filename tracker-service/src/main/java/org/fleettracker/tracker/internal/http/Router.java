package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Routes a request by method and path template, such as {@code GET /api/v1/vehicles/{vehicleId}/positions}.
 *
 * <p>A template segment in braces matches one non-empty path segment, which the handler gets percent-decoded by its
 * name. A path that no template matches gets 404; a path that matches only with other methods gets 405 with
 * {@code Allow}. A {@link BadRequestException} from a handler becomes a 400 response. Routes are added before the
 * server starts; matching is then thread-safe.
 */
final class Router {

    /** Handles one matched request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, Map<String, String> pathParameters) throws IOException, BadRequestException;
    }

    private record Route(String method, String[] segments, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; templates are matched in the order added. */
    Router add(String method, String template, Handler handler) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template '" + template + "' must start with /");
        }
        routes.add(new Route(method, template.substring(1).split("/", -1), handler));
        return this;
    }

    /** Returns every route as {@code METHOD /template}, in the order added; the OpenAPI test compares them. */
    List<String> describe() {
        return routes.stream()
                .map(route -> route.method() + " /" + String.join("/", route.segments()))
                .toList();
    }

    void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String @Nullable [] segments =
                path == null || !path.startsWith("/") ? null : path.substring(1).split("/", -1);
        TreeSet<String> allowed = new TreeSet<>();
        try {
            for (Route route : routes) {
                Map<String, String> parameters = segments == null ? null : match(route.segments(), segments);
                if (parameters == null) {
                    continue;
                }
                if (route.method().equals(exchange.getRequestMethod())) {
                    route.handler().handle(exchange, parameters);
                    return;
                }
                allowed.add(route.method());
            }
        } catch (BadRequestException e) {
            Exchanges.sendError(exchange, 400, "bad_request", e.getMessage(), e.parameter());
            return;
        }
        if (allowed.isEmpty()) {
            Exchanges.sendNotFound(exchange);
            return;
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        Exchanges.sendError(
                exchange,
                405,
                "method_not_allowed",
                "method " + Exchanges.excerpt(exchange.getRequestMethod()) + " is not allowed here; use "
                        + String.join(" or ", allowed),
                null);
    }

    private static @Nullable Map<String, String> match(String[] template, String[] path) throws BadRequestException {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 1), path[i]);
            } else if (!part.equals(path[i])) {
                return null;
            }
        }
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            entry.setValue(Exchanges.decode(entry.getValue()));
        }
        return parameters;
    }
}
