package org.fleettracker.console.internal.api;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * The tracker's answer to a write.
 *
 * @param statusCode the HTTP status: 2xx, 4xx or 503
 * @param body the response body, a JSON object (the stored resource, or {@code {"error": ...}})
 * @param retryAfter the wait that the response's {@code Retry-After} header requests, or null without one
 */
public record WriteResult(int statusCode, String body, @Nullable Duration retryAfter) {

    private static final int REQUEST_TIMEOUT = 408;
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVICE_UNAVAILABLE = 503;

    /** Creates a result without a {@code Retry-After} header. */
    public WriteResult(int statusCode, String body) {
        this(statusCode, body, null);
    }

    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** Returns whether the same request may succeed later: a request timeout, too many requests, or unavailable. */
    public boolean isTransient() {
        return statusCode == REQUEST_TIMEOUT || statusCode == TOO_MANY_REQUESTS || statusCode == SERVICE_UNAVAILABLE;
    }
}
