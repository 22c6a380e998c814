package org.fleettracker.protocol.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

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

    @Test
    void plain_uri_returns_the_factory_itself() {
        NoDelaySocketFactory factory = new NoDelaySocketFactory();

        assertThat(factory.forServerUri("tcp://127.0.0.1:1883", null)).isSameAs(factory);
    }

    @Test
    void ssl_uri_returns_an_ssl_socket_factory() {
        SocketFactory factory = NoDelaySocketFactory.forUri("ssl://127.0.0.1:8883", null);

        assertThat(factory).isInstanceOf(SSLSocketFactory.class);
    }

    @Test
    void tls_socket_has_tcp_nodelay_after_connect() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        SocketFactory factory = NoDelaySocketFactory.forUri("ssl://127.0.0.1:8883", null);
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket socket = factory.createSocket()) {
            socket.connect(new InetSocketAddress(loopback, server.getLocalPort()));

            assertThat(socket).isInstanceOf(SSLSocket.class);
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void tls_sockets_pass_through_the_subclass_prepare() throws Exception {
        List<Socket> prepared = new ArrayList<>();
        NoDelaySocketFactory tracking = new NoDelaySocketFactory() {
            @Override
            protected Socket prepare(Socket socket) throws IOException {
                prepared.add(socket);
                return super.prepare(socket);
            }
        };

        try (Socket socket = tracking.forServerUri("ssl://127.0.0.1:8883", null).createSocket()) {
            assertThat(prepared).containsExactly(socket);
        }
    }
}
