package org.fleettracker.simulator.internal.mqtt;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

class DroppableSocketFactoryTest {

    private final DroppableSocketFactory factory = new DroppableSocketFactory();

    @Test
    void drop_without_socket_closes_nothing() throws IOException {
        assertThat(factory.closeLastSocket()).isFalse();
    }

    @Test
    void second_drop_of_same_socket_closes_nothing() throws IOException {
        Socket socket = factory.createSocket();

        boolean first = factory.closeLastSocket();
        boolean second = factory.closeLastSocket();

        assertThat(first).isTrue();
        assertThat(socket.isClosed()).isTrue();
        assertThat(second).isFalse();
    }

    @Test
    void socket_closed_elsewhere_is_not_dropped() throws IOException {
        Socket socket = factory.createSocket();
        socket.close();

        assertThat(factory.closeLastSocket()).isFalse();
    }

    @Test
    void drop_closes_the_newest_socket() throws IOException {
        Socket older = factory.createSocket();
        Socket newer = factory.createSocket();

        assertThat(factory.closeLastSocket()).isTrue();
        assertThat(newer.isClosed()).isTrue();
        assertThat(older.isClosed()).isFalse();
        older.close();
    }
}
