package org.fleettracker.broker.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Records the lines of the connection-events logger while it is open. */
final class ConnectionsLog implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private ConnectionsLog() {}

    static ConnectionsLog open() {
        ConnectionsLog log = new ConnectionsLog();
        log.appender.start();
        logger().addAppender(log.appender);
        return log;
    }

    /** Returns the formatted lines that name {@code clientId} in quotes, oldest first. */
    List<String> linesAbout(String clientId) {
        return List.copyOf(appender.list).stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains("'" + clientId + "'"))
                .toList();
    }

    @Override
    public void close() {
        logger().detachAppender(appender);
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger("org.fleettracker.broker.connections");
    }
}
