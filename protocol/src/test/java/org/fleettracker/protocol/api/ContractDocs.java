package org.fleettracker.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/** Locates and reads {@code docs/asyncapi.yaml} and the payload schemas of this repository. */
final class ContractDocs {

    /** Payload type behind each JSON topic kind; presence is plain text and has none. */
    static final Map<TopicKind, Class<?>> PAYLOAD_TYPES = Map.of(
            TopicKind.TELEMETRY, Telemetry.class,
            TopicKind.STATE, VehicleState.class,
            TopicKind.COMMANDS, Command.class,
            TopicKind.COMMAND_ACKS, CommandAck.class,
            TopicKind.EVENTS, FleetEvent.class,
            TopicKind.REJECTS, Reject.class);

    private ContractDocs() {}

    /** Returns the repository's {@code docs} folder; Maven runs tests in the module folder, one level below. */
    static Path docsDir() {
        Path docs = Path.of("..", "docs").toAbsolutePath().normalize();
        if (!Files.isRegularFile(docs.resolve("asyncapi.yaml"))) {
            fail("docs/asyncapi.yaml not found at " + docs + ": run the tests from the protocol module folder");
        }
        return docs;
    }

    static JsonNode asyncApi() {
        return readYaml(docsDir().resolve("asyncapi.yaml"));
    }

    /** Returns the {@code channels} key whose channel carries {@code kind}, found by its address. */
    static String channelKey(JsonNode asyncApi, TopicKind kind) {
        String address = address(kind);
        var channels = asyncApi.path("channels").properties();
        for (Map.Entry<String, JsonNode> channel : channels) {
            if (address.equals(channel.getValue().path("address").asText())) {
                return channel.getKey();
            }
        }
        return fail("no channel in docs/asyncapi.yaml has address " + address);
    }

    /** Returns the schema file of the single message of the channel that carries {@code kind}. */
    static Path schemaFile(TopicKind kind) {
        JsonNode asyncApi = asyncApi();
        JsonNode messages =
                asyncApi.path("channels").path(channelKey(asyncApi, kind)).path("messages");
        if (messages.size() != 1) {
            fail("channel of " + kind + " must have exactly one message, has " + messages.size());
        }
        String messageRef = messages.elements().next().path("$ref").asText();
        String messageName = messageRef.substring(messageRef.lastIndexOf('/') + 1);
        JsonNode schemaRef = asyncApi.path("components")
                .path("messages")
                .path(messageName)
                .path("payload")
                .path("schema");
        Path file = docsDir().resolve(schemaRef.path("$ref").asText()).normalize();
        if (!Files.isRegularFile(file)) {
            fail("schema of " + kind + " not found: " + file);
        }
        return file;
    }

    /** Returns the topic of {@code kind} with {@code {fleetId}} and {@code {vehicleId}} in place of the ids. */
    static String address(TopicKind kind) {
        String fleet = "fleet-placeholder";
        String vehicle = "vehicle-placeholder";
        String topic = kind.perVehicle()
                ? Topics.vehicleFilter(fleet, kind).replace("/+/", "/" + vehicle + "/")
                : Topics.fleetTopic(fleet, kind);
        return topic.replace("/" + fleet + "/", "/{fleetId}/").replace("/" + vehicle + "/", "/{vehicleId}/");
    }

    static JsonNode readYaml(Path file) {
        try {
            return new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            return fail("cannot read " + file + ": " + e.getMessage());
        }
    }
}
