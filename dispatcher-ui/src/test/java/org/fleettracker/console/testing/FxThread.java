package org.fleettracker.console.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/** Starts the JavaFX toolkit once per test JVM and runs test code on the FX application thread. */
public final class FxThread {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private FxThread() {}

    /** Starts the toolkit unless it runs already; windows may close without ending it. */
    public static void startToolkit() throws InterruptedException {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        Platform.setImplicitExit(false);
        if (!started.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The JavaFX toolkit did not start within " + TIMEOUT);
        }
    }

    /** Runs {@code action} on the FX thread and returns its result, or throws what it threw. */
    public static <T> T call(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} on the FX thread and waits for it. */
    public static void run(FxAction action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Test code that may throw, run on the FX thread. */
    @FunctionalInterface
    public interface FxAction {
        void run() throws Exception;
    }
}
