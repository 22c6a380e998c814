package org.fleettracker.tracker.internal.http;

import org.fleettracker.protocol.api.Json;
import org.fleettracker.tracker.internal.storage.EventQuery.PageKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;
    private static final PageKey KEY = new PageKey(Instant.parse("2026-03-01T08:00:00.123456789Z"), "e-17");

    @Test
    void empty_query_gives_open_range_and_default_limit() throws Exception {
        Paging.Page page = Paging.parse(Map.of(), DEFAULT_LIMIT, MAX_LIMIT, "events");

        assertThat(page).isEqualTo(new Paging.Page(null, null, DEFAULT_LIMIT, null));
    }

    @Test
    void full_query_is_parsed_to_instants() throws Exception {
        Map<String, String> query = Map.of(
                "from", "2026-03-01T09:00:00+01:00",
                "to", "2026-03-02T00:00:00Z",
                "limit", " 250 ",
                "after", Paging.encodeCursor("events", KEY));

        Paging.Page page = Paging.parse(query, DEFAULT_LIMIT, MAX_LIMIT, "events");

        assertThat(page.from()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(page.to()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(page.limit()).isEqualTo(250);
        assertThat(page.after()).isEqualTo(KEY);
    }

    @Test
    void equal_from_and_to_is_allowed() throws Exception {
        Map<String, String> query = Map.of("from", "2026-03-01T08:00:00Z", "to", "2026-03-01T08:00:00Z");

        assertThat(Paging.parse(query, DEFAULT_LIMIT, MAX_LIMIT, "events").to())
                .isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "from | yesterday | from 'yesterday' is not an ISO-8601 time with offset",
                "from | 2026-03-01 | from '2026-03-01' is not an ISO-8601 time with offset",
                "to | 2026-03-01T08:00:00 | to '2026-03-01T08:00:00' is not an ISO-8601 time with offset",
                "to | 2026-02-28T00:00:00Z | to 2026-02-28T00:00:00Z is before from 2026-03-01T00:00:00Z",
                "limit | 0 | limit 0 is out of range [1, 10000]",
                "limit | -5 | limit -5 is out of range [1, 10000]",
                "limit | 10001 | limit 10001 is out of range [1, 10000]",
                "limit | 99999999999999999999 | limit 99999999999999999999 is out of range [1, 10000]",
                "limit | ten | limit 'ten' is not a whole number",
                "limit | 1.5 | limit '1.5' is not a whole number",
                "after | not-base64! | after 'not-base64!' is not a cursor of this endpoint",
                "after | ZXZlbnRz | after 'ZXZlbnRz' is not a cursor of this endpoint"
            })
    void bad_parameter_is_rejected_naming_it(String parameter, String value, String message) {
        Map<String, String> query = new HashMap<>();
        query.put("from", "2026-03-01T00:00:00Z");
        query.put(parameter, value);

        assertThatThrownBy(() -> Paging.parse(query, DEFAULT_LIMIT, MAX_LIMIT, "events"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith(message)
                .extracting(e -> ((BadRequestException) e).parameter())
                .isEqualTo(parameter);
    }

    @Test
    void cursor_round_trips() throws Exception {
        assertThat(Paging.decodeCursor("positions", Paging.encodeCursor("positions", KEY)))
                .isEqualTo(KEY);
    }

    @Test
    void cursor_of_another_endpoint_is_rejected() {
        String cursor = Paging.encodeCursor("positions", KEY);

        assertThatThrownBy(() -> Paging.decodeCursor("events", cursor)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void edited_cursor_is_rejected() {
        String text =
                new String(Base64.getUrlDecoder().decode(Paging.encodeCursor("events", KEY)), StandardCharsets.UTF_8);
        String edited = text.replace("e-17", "e-18");
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Paging.decodeCursor("events", cursor)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void cursor_with_invalid_time_is_rejected() {
        String payload = "events\nnot-a-time\ne-17";
        String text = payload + "\n" + crc(payload);
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Paging.decodeCursor("events", cursor)).isInstanceOf(BadRequestException.class);
    }

    @ParameterizedTest
    @CsvSource({"-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z"})
    void cursor_with_out_of_range_year_is_rejected(String time) {
        String payload = "events\n" + time + "\ne-17";
        String text = payload + "\n" + crc(payload);
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Paging.decodeCursor("events", cursor)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void items_without_extra_row_have_no_next_cursor() {
        Paging.Items<String> items = Paging.items(List.of(1, 2), 2, "events", String::valueOf, PagingTest::key);

        assertThat(items.items()).containsExactly("1", "2");
        assertThat(items.nextCursor()).isNull();
    }

    @Test
    void extra_row_gives_cursor_of_last_item() throws Exception {
        Paging.Items<String> items = Paging.items(List.of(1, 2, 3), 2, "events", String::valueOf, PagingTest::key);

        assertThat(items.items()).containsExactly("1", "2");
        assertThat(items.nextCursor()).isNotNull();
        assertThat(Paging.decodeCursor("events", items.nextCursor())).isEqualTo(key(2));
    }

    @Test
    void next_cursor_is_written_as_null_in_json() throws Exception {
        Paging.Items<String> items = Paging.items(List.of(), 2, "events", Function.identity(), row -> KEY);

        assertThat(Json.mapper().writeValueAsString(items)).isEqualTo("{\"items\":[],\"nextCursor\":null}");
    }

    private static PageKey key(int row) {
        return new PageKey(Instant.EPOCH.plusSeconds(row), Integer.toString(row));
    }

    private static String crc(String payload) {
        CRC32 crc = new CRC32();
        crc.update(payload.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
