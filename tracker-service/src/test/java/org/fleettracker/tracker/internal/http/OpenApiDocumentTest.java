package org.fleettracker.tracker.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.fleettracker.tracker.api.TrackerSettings;
import org.fleettracker.tracker.internal.dispatch.CommandService;
import org.fleettracker.tracker.internal.dispatch.JobService;
import org.fleettracker.tracker.internal.fleet.JobRule;
import org.fleettracker.tracker.internal.fleet.VehicleLimits;
import org.fleettracker.tracker.internal.geofence.GeofenceRegistry;
import org.fleettracker.tracker.internal.ingest.InboundMessage;
import org.fleettracker.tracker.internal.ingest.MqttOutbound;
import org.fleettracker.tracker.internal.metrics.TrackerMetrics;
import org.fleettracker.tracker.internal.state.VehicleStates;
import org.fleettracker.tracker.internal.storage.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Compares {@code docs/openapi.yaml} with the routes that {@link ApiServer#routes} registers. */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** The one write that authenticates but is not limited to writers. */
    private static final String TOKENS = "POST /api/v1/tokens";

    @TempDir
    static Path dataDir;

    private static Database database;
    private static JsonNode document;
    private static Set<String> routed;

    @BeforeAll
    static void readDocumentAndRoutes() throws IOException {
        document = new YAMLMapper().readTree(Files.readString(documentFile()));
        database = Database.open(dataDir);
        JobRule jobRule = new JobRule();
        CommandService commands = new CommandService(
                database,
                (topic, payload, expiry, done) -> done.completed(false),
                new IgnoringOutbound(),
                jobRule,
                Clock.systemUTC());
        Router router = ApiServer.routes(new ApiServices(
                TrackerSettings.builder().build(),
                new VehicleStates(),
                database,
                new TrackerMetrics(() -> 0),
                new UpHealth(),
                null,
                new GeofenceRegistry(),
                new VehicleLimits(),
                new IgnoringOutbound(),
                commands,
                new JobService(database, commands, jobRule, Clock.systemUTC()),
                Clock.systemUTC()));
        routed = new TreeSet<>(router.describe());
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void document_is_openapi_3_1() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
    }

    @Test
    void every_route_is_documented() {
        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented());

        assertThat(undocumented)
                .as("routes of ApiServer.routes that docs/openapi.yaml lacks")
                .isEmpty();
    }

    @Test
    void every_documented_operation_is_routed() {
        Set<String> missing = new TreeSet<>(documented());
        missing.removeAll(routed);

        assertThat(missing)
                .as("operations of docs/openapi.yaml that ApiServer.routes does not register")
                .isEmpty();
    }

    @Test
    void every_operation_has_id_and_responses() {
        forEachOperation((operation, node) -> {
            assertThat(node.path("operationId").asText())
                    .as(operation + " operationId")
                    .isNotBlank();
            assertThat(node.path("responses").size())
                    .as(operation + " responses")
                    .isPositive();
        });
    }

    @Test
    void every_write_takes_basic_or_bearer() {
        forEachOperation((operation, node) -> {
            if (operation.startsWith("GET ")) {
                return;
            }
            List<String> schemes = new ArrayList<>();
            node.path("security")
                    .forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
            assertThat(schemes).as(operation + " security").containsExactlyInAnyOrder("basic", "bearer");
            if (!operation.equals(TOKENS)) {
                assertThat(node.path("responses").has("403"))
                        .as(operation + " documents 403")
                        .isTrue();
            }
        });
    }

    @Test
    void every_reference_resolves() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).as("local reference").startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode())
                    .as(reference + " resolves")
                    .isFalse();
        }
    }

    @Test
    void error_schema_has_error_message_and_parameter() {
        JsonNode error = document.at("/components/schemas/Error/properties");

        assertThat(error.has("error")).isTrue();
        assertThat(error.has("message")).isTrue();
        assertThat(error.has("parameter")).isTrue();
    }

    private static Set<String> documented() {
        Set<String> operations = new TreeSet<>();
        forEachOperation((operation, node) -> operations.add(operation));
        return operations;
    }

    /** Visits each operation as {@code METHOD /path}, the form of {@link Router#describe()}. */
    private static void forEachOperation(OperationVisitor visitor) {
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> items = path.getValue().fields(); items.hasNext(); ) {
                Map.Entry<String, JsonNode> item = items.next();
                if (HTTP_METHODS.contains(item.getKey())) {
                    visitor.visit(item.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), item.getValue());
                }
            }
        }
    }

    @FunctionalInterface
    private interface OperationVisitor {
        void visit(String operation, JsonNode node);
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject() && node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectReferences(child, references));
    }

    private static Path documentFile() {
        Path file = Path.of("..", "docs", "openapi.yaml").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            return fail("docs/openapi.yaml not found at " + file + ": run the tests from the tracker-service folder");
        }
        return file;
    }

    private static final class UpHealth implements HealthCheck {
        @Override
        public boolean brokerUp() {
            return true;
        }

        @Override
        public boolean databaseUp() {
            return true;
        }

        @Override
        public boolean subscriptionUp() {
            return true;
        }
    }

    private static final class IgnoringOutbound implements MqttOutbound {
        @Override
        public void publish(String topic, byte[] payload, boolean retained) {
            // The router is only described, never called, so nothing is published.
        }

        @Override
        public void acknowledge(InboundMessage message) {
            // Nothing arrives in this test.
        }
    }
}
