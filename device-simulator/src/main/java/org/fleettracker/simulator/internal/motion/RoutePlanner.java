package org.fleettracker.simulator.internal.motion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Fastest routes on a {@link StreetGrid}: Dijkstra's algorithm with each street weighted by its length divided by
 * its road class's typical speed, so routes prefer arterial roads when that saves time. Thread-safe.
 */
public final class RoutePlanner {

    private final StreetGrid grid;

    public RoutePlanner(StreetGrid grid) {
        this.grid = grid;
    }

    /**
     * Returns the intersections of the fastest route from {@code from} to {@code to}, both included.
     * Consecutive intersections are always joined by a street.
     *
     * @throws IllegalArgumentException when no street connects the two
     */
    public List<Integer> route(int from, int to) {
        double[] seconds = new double[grid.size()];
        int[] previous = new int[grid.size()];
        Arrays.fill(seconds, Double.POSITIVE_INFINITY);
        Arrays.fill(previous, -1);
        seconds[from] = 0;
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        queue.add(new double[] {0, from});

        while (!queue.isEmpty()) {
            double[] head = queue.poll();
            int node = (int) head[1];
            if (node == to) {
                break;
            }
            if (head[0] > seconds[node]) {
                continue;
            }
            for (int next : grid.neighbours(node)) {
                double candidate = seconds[node] + travelS(node, next);
                if (candidate < seconds[next]) {
                    seconds[next] = candidate;
                    previous[next] = node;
                    queue.add(new double[] {candidate, next});
                }
            }
        }
        if (Double.isInfinite(seconds[to])) {
            throw new IllegalArgumentException("no street connects intersection " + from + " to " + to);
        }
        return path(previous, to);
    }

    private static List<Integer> path(int[] previous, int to) {
        List<Integer> nodes = new ArrayList<>();
        for (int node = to; node != -1; node = previous[node]) {
            nodes.add(node);
        }
        Collections.reverse(nodes);
        return nodes;
    }

    /** Returns the expected time to drive from one joined intersection to the next, in seconds. */
    public double travelS(int from, int to) {
        return grid.lengthM(from, to) / (grid.roadClass(from, to).typicalKmh() / 3.6);
    }
}
