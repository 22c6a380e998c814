package org.fleettracker.simulator.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@link SimulatorScaleBenchmark} with a small fleet, so that the benchmark and the shared threads work. */
@Timeout(120)
class ScaleSmokeIT {

    private static final int VEHICLES = 50;
    private static final int MAX_CONNECTS_IN_FLIGHT = 8;

    @TempDir
    Path folder;

    @Test
    void fifty_vehicles_connect_on_shared_threads() throws Exception {
        var options = new SimulatorScaleBenchmark.Options(
                VEHICLES, MAX_CONNECTS_IN_FLIGHT, Duration.ofSeconds(60), Duration.ZERO, null, false, 0, 0);

        SimulatorScaleBenchmark.Result result = SimulatorScaleBenchmark.run(options, folder);

        assertThat(result.connected()).isEqualTo(VEHICLES);
        assertThat(result.brokerConnects()).isEqualTo(VEHICLES);
        assertThat(result.brokerFailedPasswords()).isZero();
        assertThat(result.maxConnectsObserved()).isBetween(1, MAX_CONNECTS_IN_FLIGHT);
        // Paho's receiver, sender and callback loops of each connected client, plus threads not yet timed out.
        assertThat(result.clientThreads()).isBetween(3 * VEHICLES, 3 * VEHICLES + MAX_CONNECTS_IN_FLIGHT);
        assertThat(result.pingTimerThreads()).isZero();
        assertThat(result.rssKb()).isPositive();
    }

    @Test
    void two_gateways_carry_fifty_vehicles() throws Exception {
        var options = new SimulatorScaleBenchmark.Options(
                VEHICLES, MAX_CONNECTS_IN_FLIGHT, Duration.ofSeconds(60), Duration.ZERO, null, false, 0, VEHICLES / 2);

        SimulatorScaleBenchmark.Result result = SimulatorScaleBenchmark.run(options, folder);

        assertThat(result.connected()).isEqualTo(VEHICLES);
        assertThat(result.brokerConnects()).isEqualTo(2);
        assertThat(result.brokerFailedPasswords()).isZero();
        // Three loops per connection, plus threads of connects not yet timed out.
        assertThat(result.clientThreads()).isBetween(3 * 2, 3 * 2 + 2);
    }
}
