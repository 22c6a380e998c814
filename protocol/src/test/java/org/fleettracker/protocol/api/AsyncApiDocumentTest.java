package org.fleettracker.protocol.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncApiDocumentTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final JsonNode asyncApi = ContractDocs.asyncApi();

    @Test
    void document_is_asyncapi_3() {
        assertThat(asyncApi.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void channels_match_topic_kinds() {
        List<String> addresses = new ArrayList<>();
        asyncApi.path("channels")
                .forEach(channel -> addresses.add(channel.path("address").asText()));

        List<String> expected = new ArrayList<>();
        for (TopicKind kind : TopicKind.values()) {
            expected.add(ContractDocs.address(kind));
        }
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(TopicKind.class)
    void channel_parameters_match_address(TopicKind kind) {
        JsonNode channel = channel(kind);

        List<String> placeholders = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(channel.path("address").asText());
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        List<String> parameters = new ArrayList<>();
        channel.path("parameters").fieldNames().forEachRemaining(parameters::add);
        assertThat(parameters).containsExactlyInAnyOrderElementsOf(placeholders);
    }

    @ParameterizedTest
    @EnumSource(TopicKind.class)
    void operations_use_qos_and_retain_of_kind(TopicKind kind) {
        List<JsonNode> operations = operations(kind);

        assertThat(operations).as("operations on the channel of %s", kind).isNotEmpty();
        for (JsonNode operation : operations) {
            JsonNode mqtt = operation.path("bindings").path("mqtt");
            assertThat(mqtt.path("qos").isInt()).as("qos of %s", operation).isTrue();
            assertThat(mqtt.path("qos").asInt()).as("qos of %s", operation).isEqualTo(kind.qos());
            assertThat(mqtt.path("retain").isBoolean())
                    .as("retain of %s", operation)
                    .isTrue();
            assertThat(mqtt.path("retain").asBoolean())
                    .as("retain of %s", operation)
                    .isEqualTo(kind.retained());
        }
    }

    @ParameterizedTest
    @EnumSource(TopicKind.class)
    void every_kind_is_sent_and_received(TopicKind kind) {
        List<String> actions = new ArrayList<>();
        operations(kind)
                .forEach(operation -> actions.add(operation.path("action").asText()));

        assertThat(actions).contains("send", "receive");
    }

    @Test
    void tracker_reads_telemetry_through_shared_subscription() {
        List<String> subscriptions = new ArrayList<>();
        operations(TopicKind.TELEMETRY).stream()
                .filter(operation -> "receive".equals(operation.path("action").asText()))
                .forEach(operation ->
                        subscriptions.add(operation.path("x-mqtt-subscription").asText()));

        assertThat(subscriptions).containsExactly(Topics.TRACKER_TELEMETRY_SUBSCRIPTION);
    }

    @ParameterizedTest
    @EnumSource(TopicKind.class)
    void message_schema_file_exists(TopicKind kind) {
        assertThat(Files.isRegularFile(ContractDocs.schemaFile(kind))).isTrue();
    }

    @Test
    void id_parameters_state_the_id_pattern() {
        JsonNode parameters = asyncApi.path("components").path("parameters");

        for (String name : List.of("fleetId", "vehicleId")) {
            assertThat(parameters.path(name).path("description").asText())
                    .as(name)
                    .contains("^[A-Za-z0-9._-]{1," + Ids.MAX_LENGTH + "}$");
        }
    }

    @Test
    void server_is_local_mqtt_5_with_user_password() {
        JsonNode server = asyncApi.path("servers").path("local");

        assertThat(server.path("host").asText()).isEqualTo("127.0.0.1:1883");
        assertThat(server.path("protocol").asText()).isEqualTo("mqtt");
        assertThat(server.path("protocolVersion").asText()).isEqualTo("5");
        assertThat(asyncApi.at("/components/securitySchemes/userPassword/type").asText())
                .isEqualTo("userPassword");
    }

    private JsonNode channel(TopicKind kind) {
        return asyncApi.path("channels").path(ContractDocs.channelKey(asyncApi, kind));
    }

    private List<JsonNode> operations(TopicKind kind) {
        String channelRef = "#/channels/" + ContractDocs.channelKey(asyncApi, kind);
        List<JsonNode> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : asyncApi.path("operations").properties()) {
            if (channelRef.equals(
                    operation.getValue().path("channel").path("$ref").asText())) {
                operations.add(operation.getValue());
            }
        }
        return operations;
    }
}
