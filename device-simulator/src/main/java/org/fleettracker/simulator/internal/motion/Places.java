package org.fleettracker.simulator.internal.motion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Depots and customer places on a street grid, as intersection indexes. All of them lie in the grid's largest
 * connected part, so a route joins any two.
 */
public record Places(List<Integer> depots, List<Integer> customers) {

    public Places {
        depots = List.copyOf(depots);
        customers = List.copyOf(customers);
        if (depots.isEmpty() || customers.isEmpty()) {
            throw new IllegalArgumentException("places need at least one depot and one customer");
        }
    }

    /**
     * Draws distinct intersections of the largest connected part: {@code depotCount} depots and
     * {@code customerCount} customers, fewer customers when the part is too small.
     */
    public static Places choose(StreetGrid grid, int depotCount, int customerCount, SplittableRandom random) {
        List<Integer> candidates = largestComponent(grid);
        if (candidates.size() < depotCount + 1) {
            throw new IllegalArgumentException("the street network has " + candidates.size()
                    + " connected intersections, too few for " + depotCount + " depots and a customer");
        }
        for (int i = candidates.size() - 1; i > 0; i--) {
            Collections.swap(candidates, i, random.nextInt(i + 1));
        }
        int customers = Math.min(customerCount, candidates.size() - depotCount);
        return new Places(candidates.subList(0, depotCount), candidates.subList(depotCount, depotCount + customers));
    }

    /** Returns the intersections of the grid's largest connected part, in ascending order. */
    static List<Integer> largestComponent(StreetGrid grid) {
        int[] component = new int[grid.size()];
        List<Integer> best = List.of();
        int label = 0;
        for (int start = 0; start < grid.size(); start++) {
            if (component[start] != 0) {
                continue;
            }
            label++;
            List<Integer> members = new ArrayList<>();
            Deque<Integer> pending = new ArrayDeque<>(List.of(start));
            component[start] = label;
            while (!pending.isEmpty()) {
                int node = pending.pop();
                members.add(node);
                for (int next : grid.neighbours(node)) {
                    if (component[next] == 0) {
                        component[next] = label;
                        pending.push(next);
                    }
                }
            }
            if (members.size() > best.size()) {
                best = members;
            }
        }
        List<Integer> sorted = new ArrayList<>(best);
        Collections.sort(sorted);
        return sorted;
    }
}
