package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

class NoDelaySocketFactoryTest {

    @Test
    void connected_socket_has_tcp_nodelay() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket socket = new NoDelaySocketFactory().createSocket(loopback, server.getLocalPort())) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void unconnected_socket_has_tcp_nodelay_after_connect() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket socket = new NoDelaySocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(loopback, server.getLocalPort()));

            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }
}
