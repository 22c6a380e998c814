package org.fleettracker.console.internal.api;

/**
 * The tracker's answer to a write.
 *
 * @param statusCode the HTTP status, 2xx or 4xx
 * @param body the response body, a JSON object (the stored resource, or {@code {"error": ...}})
 */
public record WriteResult(int statusCode, String body) {

    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }
}
