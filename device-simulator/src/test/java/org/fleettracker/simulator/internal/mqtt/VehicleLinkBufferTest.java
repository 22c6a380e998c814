package org.fleettracker.simulator.internal.mqtt;

import org.fleettracker.simulator.internal.buffer.FixJournal;
import org.fleettracker.simulator.internal.buffer.OverflowPolicy;
import org.fleettracker.simulator.internal.buffer.StoredFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A link that never connects, so every fix it is given stays in its outbox and in the buffer directory. */
@Timeout(30)
class VehicleLinkBufferTest {

    private static final Duration SYNC = Duration.ofMillis(20);
    private static final String FLEET = "demo";
    private static final String VEHICLE = "car-1";
    private static final String SECOND_VEHICLE = "car-2";

    @TempDir
    Path dir;

    @Test
    void drop_oldest_keeps_the_last_fixes_on_disk() throws IOException {
        runOffline(OverflowPolicy.DROP_OLDEST, 3, 1, 5);

        assertThat(storedSeqs()).containsExactly(3L, 4L, 5L);
    }

    @Test
    void drop_newest_keeps_the_first_fixes_on_disk() throws IOException {
        runOffline(OverflowPolicy.DROP_NEWEST, 3, 1, 5);

        assertThat(storedSeqs()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void restored_fixes_come_first_and_count() throws IOException {
        runOffline(OverflowPolicy.DROP_OLDEST, 10, 1, 3);

        try (LinkResources resources = resources()) {
            VehicleLink link = link(resources, OverflowPolicy.DROP_OLDEST, 10);
            submit(link, 100, 101);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> resources.journal().fixesOnDisk() == 5);

            assertThat(link.restored()).isEqualTo(3);
            assertThat(link.maxRestoredSeq()).isEqualTo(3);
            assertThat(link.pending()).isEqualTo(5);
            link.close().join();
        }
        assertThat(storedSeqs()).containsExactly(1L, 2L, 3L, 100L, 101L);
    }

    @Test
    void restore_beyond_a_smaller_limit_drops_and_counts() throws IOException {
        runOffline(OverflowPolicy.DROP_OLDEST, 10, 1, 6);

        try (LinkResources resources = resources()) {
            VehicleLink link = link(resources, OverflowPolicy.DROP_OLDEST, 4);

            assertThat(link.restored()).isEqualTo(6);
            assertThat(link.dropped()).isEqualTo(2);
            assertThat(link.pending()).isEqualTo(4);
            link.close().join();
        }
        assertThat(storedSeqs()).containsExactly(3L, 4L, 5L, 6L);
    }

    @Test
    void gateway_keeps_the_limit_per_vehicle() throws IOException {
        try (LinkResources resources = resources()) {
            VehicleLink gateway = gateway(resources, OverflowPolicy.DROP_OLDEST, 3);
            VehicleLink.Member first = gateway.members().get(0);
            VehicleLink.Member second = gateway.members().get(1);
            submit(first, 1, 2, 3, 4, 5);
            submit(second, 11);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> resources.journal().fixesOnDisk() == 4);

            assertThat(first.dropped()).isEqualTo(2);
            assertThat(first.pending()).isEqualTo(3);
            assertThat(second.dropped()).isZero();
            assertThat(second.pending()).isEqualTo(1);
            gateway.close().join();
        }

        assertThat(storedSeqs(VEHICLE)).containsExactly(3L, 4L, 5L);
        assertThat(storedSeqs(SECOND_VEHICLE)).containsExactly(11L);
    }

    @Test
    void gateway_restores_each_vehicle_with_equal_record_ids() throws IOException {
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            for (long recordId = 0; recordId < 3; recordId++) {
                long seq = 100 + recordId;
                journal.forVehicle(FLEET, VEHICLE).append(recordId, seq, payload(seq));
                journal.forVehicle(FLEET, SECOND_VEHICLE).append(recordId, seq + 100, payload(seq + 100));
            }
        }

        try (LinkResources resources = resources()) {
            VehicleLink gateway = gateway(resources, OverflowPolicy.DROP_OLDEST, 10);
            VehicleLink.Member first = gateway.members().get(0);
            VehicleLink.Member second = gateway.members().get(1);
            submit(first, 103);
            submit(second, 203);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> resources.journal().fixesOnDisk() == 8);

            assertThat(first.restored()).isEqualTo(3);
            assertThat(first.maxRestoredSeq()).isEqualTo(102);
            assertThat(second.restored()).isEqualTo(3);
            assertThat(second.maxRestoredSeq()).isEqualTo(202);
            assertThat(gateway.restored()).isEqualTo(6);
            assertThat(gateway.pending()).isEqualTo(8);
            gateway.close().join();
        }
        assertThat(storedSeqs(VEHICLE)).containsExactly(100L, 101L, 102L, 103L);
        assertThat(storedSeqs(SECOND_VEHICLE)).containsExactly(200L, 201L, 202L, 203L);
    }

    @Test
    void without_a_journal_nothing_is_restored() throws IOException {
        try (LinkResources resources = new LinkResources(1)) {
            VehicleLink link = new VehicleLink(
                    VEHICLE,
                    settings(closedPortUrl(), OverflowPolicy.DROP_OLDEST, 3),
                    resources,
                    new SplittableRandom(1));

            assertThat(link.restored()).isZero();
            assertThat(link.maxRestoredSeq()).isEqualTo(-1);
        }
    }

    /** Gives an unstarted link the fixes with seqs {@code first..last}, then closes it and its buffer. */
    private void runOffline(OverflowPolicy overflow, int limit, long first, long last) throws IOException {
        try (LinkResources resources = resources()) {
            VehicleLink link = link(resources, overflow, limit);
            long[] seqs = LongStream.rangeClosed(first, last).toArray();
            submit(link, seqs);
            long expectedDrops = Math.max(0, seqs.length - limit);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> link.dropped() == expectedDrops && link.pending() == Math.min(limit, seqs.length));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> resources.journal().fixesOnDisk() == Math.min(limit, seqs.length));
            link.close().join();
        }
    }

    private List<Long> storedSeqs() {
        return storedSeqs(VEHICLE);
    }

    private List<Long> storedSeqs(String vehicleId) {
        try (FixJournal journal = FixJournal.open(dir, SYNC)) {
            return journal.forVehicle(FLEET, vehicleId).restored().stream()
                    .map(StoredFix::seq)
                    .toList();
        }
    }

    private LinkResources resources() {
        return new LinkResources(1, FixJournal.open(dir, SYNC));
    }

    private static VehicleLink link(LinkResources resources, OverflowPolicy overflow, int limit) throws IOException {
        return new VehicleLink(VEHICLE, settings(closedPortUrl(), overflow, limit), resources, new SplittableRandom(1));
    }

    private static VehicleLink gateway(LinkResources resources, OverflowPolicy overflow, int limit) throws IOException {
        return VehicleLink.gateway(
                "gw-1",
                List.of(VEHICLE, SECOND_VEHICLE),
                settings(closedPortUrl(), overflow, limit),
                resources,
                new SplittableRandom(1));
    }

    private static void submit(TelemetryLink link, long... seqs) {
        for (long seq : seqs) {
            link.submitPayload(seq, payload(seq));
        }
    }

    private static byte[] payload(long seq) {
        return ("fix-" + seq).getBytes(StandardCharsets.UTF_8);
    }

    private static LinkSettings settings(String brokerUrl, OverflowPolicy overflow, int limit) {
        return new LinkSettings(
                brokerUrl,
                FLEET,
                "user",
                "password",
                limit,
                10,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                0,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                null,
                false,
                overflow);
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
