package org.fleettracker.broker.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Captures the lines of the connections logger while open. */
final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.start();
        logger().addAppender(appender);
    }

    static LogCapture connections() {
        return new LogCapture();
    }

    /** Returns the formatted messages that contain {@code text}. */
    List<String> linesWith(String text) {
        return List.copyOf(appender.list).stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.contains(text))
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
