package org.fleettracker.simulator.api;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 between MQTT clients and a broker that can hold back the PUBLISH packets the clients send,
 * while every other packet (CONNECT, SUBSCRIBE, PUBACK, PINGREQ) and everything the broker sends passes. Held
 * publishes get no PUBACK, so they stay in the client's in-flight window until {@link #release()} forwards them in
 * order, or {@link #dropConnections()} closes the connections without forwarding them.
 */
final class PublishHoldingProxy implements AutoCloseable {

    private static final int PUBLISH = 3;
    private static final int PUBACK = 4;
    private static final int SUBACK = 9;

    private final ServerSocket server;
    private final int brokerPort;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger subacks = new AtomicInteger();
    private final AtomicInteger clientPubacks = new AtomicInteger();
    private final Thread acceptor;
    /** Whether client PUBLISH packets are held; guarded by {@code this}. */
    private boolean holding;

    private PublishHoldingProxy(int brokerPort) throws IOException {
        this.brokerPort = brokerPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "proxy-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Starts a proxy that forwards to the broker on 127.0.0.1:{@code brokerPort}. */
    static PublishHoldingProxy start(int brokerPort) throws IOException {
        return new PublishHoldingProxy(brokerPort);
    }

    String serverUri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Holds the PUBLISH packets that clients send from now on. */
    synchronized void hold() {
        holding = true;
    }

    /** Forwards the held PUBLISH packets in the order they came and stops holding. */
    synchronized void release() throws IOException {
        holding = false;
        for (Connection connection : connections) {
            for (byte[] packet : connection.held) {
                connection.upstream.write(packet);
            }
            connection.held.clear();
            connection.upstream.flush();
        }
    }

    /** Stops holding and closes every connection without forwarding what it held, as a lost network would. */
    synchronized void dropConnections() {
        holding = false;
        for (Connection connection : connections) {
            connection.held.clear();
            connection.close();
        }
        connections.clear();
    }

    /** Returns the topics of the PUBLISH packets held now, in the order they came. */
    synchronized List<String> heldTopics() {
        List<String> topics = new ArrayList<>();
        for (Connection connection : connections) {
            connection.held.forEach(packet -> topics.add(topicOf(packet)));
        }
        return topics;
    }

    /** Returns how many SUBACK packets the broker sent to clients. */
    int subacks() {
        return subacks.get();
    }

    /** Returns how many PUBACK packets clients sent, one for each QoS 1 message the broker delivered to them. */
    int clientPubacks() {
        return clientPubacks.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                // The proxy was closed.
                return;
            }
            try {
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                Connection connection = new Connection(client, broker);
                connections.add(connection);
                connection.start();
            } catch (IOException e) {
                // The broker refused, so the client sees its connection closed.
                closeSocket(client);
            }
        }
    }

    /** Forwards one client packet to the broker, or holds it when it is a PUBLISH and holding is on. */
    private synchronized void forwardUpstream(Connection connection, byte[] packet) throws IOException {
        if (holding && type(packet) == PUBLISH) {
            connection.held.add(packet);
            return;
        }
        connection.upstream.write(packet);
        connection.upstream.flush();
        if (type(packet) == PUBACK) {
            clientPubacks.incrementAndGet();
        }
    }

    private static int type(byte[] packet) {
        return (packet[0] & 0xFF) >> 4;
    }

    /** Returns the topic name of a PUBLISH packet, which follows the fixed header as a length-prefixed string. */
    private static String topicOf(byte[] packet) {
        int offset = 1;
        while ((packet[offset] & 0x80) != 0) {
            offset++;
        }
        offset++;
        int length = ((packet[offset] & 0xFF) << 8) | (packet[offset + 1] & 0xFF);
        return new String(packet, offset + 2, length, StandardCharsets.UTF_8);
    }

    /** Reads one MQTT control packet: the fixed header with its variable-length remaining length, then the rest. */
    private static byte[] readPacket(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            throw new EOFException();
        }
        byte[] header = new byte[5];
        header[0] = (byte) first;
        int headerLength = 1;
        int remaining = 0;
        int shift = 0;
        int digit;
        do {
            digit = in.readUnsignedByte();
            header[headerLength++] = (byte) digit;
            remaining |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0 && headerLength < header.length);
        byte[] packet = new byte[headerLength + remaining];
        System.arraycopy(header, 0, packet, 0, headerLength);
        in.readFully(packet, headerLength, remaining);
        return packet;
    }

    /** One client connection and its connection to the broker, each direction pumped by its own thread. */
    private final class Connection {

        private final Socket client;
        private final Socket broker;
        private final OutputStream upstream;
        /** Held PUBLISH packets; guarded by the proxy's lock. */
        private final List<byte[]> held = new ArrayList<>();

        Connection(Socket client, Socket broker) throws IOException {
            this.client = client;
            this.broker = broker;
            this.upstream = broker.getOutputStream();
        }

        void start() {
            Thread up = new Thread(this::pumpUpstream, "proxy-up");
            Thread down = new Thread(this::pumpDownstream, "proxy-down");
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void pumpUpstream() {
            try (DataInputStream in = new DataInputStream(client.getInputStream())) {
                while (true) {
                    forwardUpstream(this, readPacket(in));
                }
            } catch (IOException e) {
                close();
            }
        }

        private void pumpDownstream() {
            try (DataInputStream in = new DataInputStream(broker.getInputStream());
                    OutputStream out = client.getOutputStream()) {
                while (true) {
                    byte[] packet = readPacket(in);
                    out.write(packet);
                    out.flush();
                    if (type(packet) == SUBACK) {
                        subacks.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            closeSocket(client);
            closeSocket(broker);
        }
    }

    private static void closeSocket(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // A socket that is already closed or reset needs nothing more.
            return;
        }
    }
}
