package org.fleettracker.tracker.internal.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;

/** {@code GET /api/v1/openapi.yaml}: the OpenAPI 3.1 document of this API, {@code docs/openapi.yaml} of the build. */
final class OpenApiHandler {

    static final String PATH = "/api/v1/openapi.yaml";

    /** Class path resource that the build copies from {@code docs/openapi.yaml}. */
    static final String RESOURCE = "openapi.yaml";

    void register(Router router) {
        router.add("GET", PATH, (exchange, path) -> send(exchange));
    }

    private static void send(HttpExchange exchange) throws IOException {
        byte[] document;
        try (InputStream in = OpenApiHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                Exchanges.sendError(
                        exchange, 404, "not_found", "this build of the tracker has no OpenAPI document", null);
                return;
            }
            document = in.readAllBytes();
        }
        Exchanges.send(exchange, 200, "application/yaml; charset=utf-8", document);
    }
}
