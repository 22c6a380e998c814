package org.fleettracker.console.internal.ui;

import org.fleettracker.console.internal.model.VehicleStatus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts of vehicles per status for the line above the vehicle table, such as {@code 120 vehicles: 80 moving}. */
final class StatusCounts {

    private final Map<StatusFilter, Integer> counts = new EnumMap<>(StatusFilter.class);
    private int total;

    /** Counts one vehicle under its status, and under stale as well when its data is stale. */
    void add(VehicleStatus status, boolean stale) {
        counts.merge(StatusFilter.of(status), 1, Integer::sum);
        if (stale) {
            counts.merge(StatusFilter.STALE, 1, Integer::sum);
        }
        total++;
    }

    int total() {
        return total;
    }

    int count(StatusFilter filter) {
        return counts.getOrDefault(filter, 0);
    }

    /**
     * Returns the counts in filter order without the zero ones, followed by how many rows the table lists when a
     * filter hides some: {@code 120 vehicles: 80 moving, 40 stopped, 3 stale; 12 listed}.
     */
    String text(int listed) {
        StringBuilder text = new StringBuilder();
        text.append(total).append(total == 1 ? " vehicle" : " vehicles");
        List<String> parts = new ArrayList<>();
        for (StatusFilter filter : StatusFilter.values()) {
            int count = count(filter);
            if (count > 0) {
                parts.add(count + " " + filter.label());
            }
        }
        if (!parts.isEmpty()) {
            text.append(": ").append(String.join(", ", parts));
        }
        if (listed != total) {
            text.append("; ").append(listed).append(" listed");
        }
        return text.toString();
    }
}
