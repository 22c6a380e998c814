package org.fleettracker.tracker.testing;

import org.fleettracker.broker.testing.HiveMqProcess;
import org.fleettracker.broker.testing.MosquittoProcess;
import org.fleettracker.simulator.api.SimulatorSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * An MQTT 5 broker outside the tracker, started for one test in a folder of its own: the packaged standalone HiveMQ
 * CE with the security extension and {@link TestUsers}, or Mosquitto with the shipped ACL. The test is skipped when
 * the broker is not available (see {@link HiveMqProcess} and {@link MosquittoProcess}).
 */
public interface ExternalBroker extends AutoCloseable {

    /** The brokers the external-broker tests run against. */
    enum Kind {
        HIVEMQ_CE,
        MOSQUITTO;

        /**
         * Starts this broker with the accounts of the tracker, the dispatcher and the viewer, and a vehicle login for
         * each of {@code vehicleIds}.
         */
        public ExternalBroker start(Path folder, Collection<String> vehicleIds)
                throws IOException, InterruptedException {
            return switch (this) {
                case HIVEMQ_CE ->
                    new HiveMq(HiveMqProcess.builder(folder.resolve("hivemq"))
                            .usersFile(TestUsers.write(folder))
                            .start());
                case MOSQUITTO -> new Mosquitto(mosquitto(folder, vehicleIds));
            };
        }

        private static MosquittoProcess mosquitto(Path folder, Collection<String> vehicleIds)
                throws IOException, InterruptedException {
            MosquittoProcess.Builder builder = MosquittoProcess.builder(folder.resolve("mosquitto"));
            for (String user : new String[] {TestUsers.TRACKER, TestUsers.DISPATCHER, TestUsers.VIEWER}) {
                builder.account(user, TestUsers.passwordOf(user));
            }
            vehicleIds.forEach(vehicleId -> builder.account(vehicleId, TestUsers.VEHICLE_PASSWORD));
            return builder.start();
        }
    }

    String serverUri();

    /** Returns the user name that vehicle {@code vehicleId} logs in with; its password is the demo vehicle one. */
    String vehicleUsername(String vehicleId);

    /** Returns the simulator's {@code --username} for the vehicle accounts of this broker. */
    String simulatorUsername();

    /** Returns the end of the broker's output, for a failure message. */
    String logTail();

    /** Stops the broker with SIGTERM. */
    @Override
    void close() throws InterruptedException;

    /** Standalone HiveMQ CE: the vehicles share the demo vehicle account and use their ids as client ids. */
    record HiveMq(HiveMqProcess process) implements ExternalBroker {
        @Override
        public String serverUri() {
            return process.serverUri();
        }

        @Override
        public String vehicleUsername(String vehicleId) {
            return TestUsers.DEMO_VEHICLES;
        }

        @Override
        public String simulatorUsername() {
            return TestUsers.DEMO_VEHICLES;
        }

        @Override
        public String logTail() {
            return process.logTail();
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
        }

        @Override
        public String toString() {
            return "HiveMQ CE on " + serverUri();
        }
    }

    /** Mosquitto: the shipped ACL's %u patterns need one account per vehicle, named like the vehicle. */
    record Mosquitto(MosquittoProcess process) implements ExternalBroker {
        @Override
        public String serverUri() {
            return process.serverUri();
        }

        @Override
        public String vehicleUsername(String vehicleId) {
            return vehicleId;
        }

        @Override
        public String simulatorUsername() {
            return SimulatorSettings.VEHICLE_ID_PLACEHOLDER;
        }

        @Override
        public String logTail() {
            return process.logTail();
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
        }

        @Override
        public String toString() {
            return "Mosquitto on " + serverUri();
        }
    }
}
