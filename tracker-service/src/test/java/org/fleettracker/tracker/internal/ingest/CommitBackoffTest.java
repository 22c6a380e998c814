package org.fleettracker.tracker.internal.ingest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommitBackoffTest {

    private final AtomicLong nanos = new AtomicLong();
    private final CommitBackoff backoff = new CommitBackoff(100, 1_000, nanos::get);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CommitBackoff.class);

    @BeforeEach
    void captureLog() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(appender);
    }

    @Test
    void delay_doubles_after_each_failure_up_to_the_maximum() {
        List<Long> delays = LongStream.range(0, 7)
                .map(i -> backoff.failed(10, "down"))
                .boxed()
                .toList();

        assertThat(delays).containsExactly(100L, 200L, 400L, 800L, 1_000L, 1_000L, 1_000L);
    }

    @Test
    void success_resets_the_delay() {
        backoff.failed(10, "down");
        backoff.failed(10, "down");

        backoff.succeeded();

        assertThat(backoff.failures()).isZero();
        assertThat(backoff.failed(10, "down")).isEqualTo(100);
    }

    @Test
    void streak_logs_one_warning_and_one_recovery_line_with_the_outage_time() {
        for (int i = 0; i < 50; i++) {
            backoff.failed(10, "connection refused");
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        }
        backoff.succeeded();
        backoff.succeeded();

        assertThat(events(Level.WARN)).hasSize(1).first().asString().contains("connection refused");
        assertThat(events(Level.INFO)).containsExactly("Committing works again after 50 failed attempts over 5000 ms");
    }

    @Test
    void maximum_below_initial_delay_is_rejected() {
        assertThatThrownBy(() -> new CommitBackoff(500, 100, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> events(Level level) {
        return appender.list.stream()
                .filter(event -> event.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
