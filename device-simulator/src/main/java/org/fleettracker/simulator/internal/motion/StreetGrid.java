package org.fleettracker.simulator.internal.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A grid-like street network inside a circle: intersections on a rotated, slightly jittered square grid, joined
 * to their four grid neighbours.
 *
 * <p>Every intersection lies inside the circle, and because a disc is convex, every street between two of them
 * does too. Coordinates are metres east ({@code x}) and north ({@code y}) of the centre. Immutable.
 */
public final class StreetGrid {

    private final double[] xM;
    private final double[] yM;
    private final int[][] neighbours;
    private final double radiusM;

    private StreetGrid(double[] xM, double[] yM, int[][] neighbours, double radiusM) {
        this.xM = xM;
        this.yM = yM;
        this.neighbours = neighbours;
        this.radiusM = radiusM;
    }

    /**
     * Builds a network that fills the circle of {@code radiusM} around the centre.
     *
     * @throws IllegalArgumentException when the radius is too small for two connected intersections
     */
    public static StreetGrid generate(double radiusM, DrivingProfile profile, SplittableRandom random) {
        double blockM = Math.max(profile.minBlockM(), Math.min(profile.blockM(), radiusM / 4));
        int half = (int) Math.floor(radiusM / blockM);
        int side = 2 * half + 1;
        double rotationRad = random.nextDouble(0, Math.PI / 2);
        double jitterM = profile.jitterFraction() * blockM;
        int[] indexOf = new int[side * side];
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                double gx = (i - half) * blockM + (random.nextDouble() * 2 - 1) * jitterM;
                double gy = (j - half) * blockM + (random.nextDouble() * 2 - 1) * jitterM;
                double x = gx * Math.cos(rotationRad) - gy * Math.sin(rotationRad);
                double y = gx * Math.sin(rotationRad) + gy * Math.cos(rotationRad);
                indexOf[i * side + j] = Math.hypot(x, y) <= radiusM ? points.size() : -1;
                if (indexOf[i * side + j] >= 0) {
                    points.add(new double[] {x, y});
                }
            }
        }
        List<List<Integer>> links = new ArrayList<>();
        points.forEach(point -> links.add(new ArrayList<>()));
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                int node = indexOf[i * side + j];
                if (node >= 0 && i + 1 < side) {
                    join(links, node, indexOf[(i + 1) * side + j]);
                }
                if (node >= 0 && j + 1 < side) {
                    join(links, node, indexOf[i * side + j + 1]);
                }
            }
        }
        return compact(points, links, radiusM);
    }

    private static void join(List<List<Integer>> links, int a, int b) {
        if (b >= 0) {
            links.get(a).add(b);
            links.get(b).add(a);
        }
    }

    /** Drops intersections without streets, which a vehicle could never leave. */
    private static StreetGrid compact(List<double[]> points, List<List<Integer>> links, double radiusM) {
        int[] newIndex = new int[points.size()];
        int count = 0;
        for (int node = 0; node < points.size(); node++) {
            newIndex[node] = links.get(node).isEmpty() ? -1 : count++;
        }
        if (count < 2) {
            throw new IllegalArgumentException("radius " + radiusM + " m is too small for a street network");
        }
        double[] xM = new double[count];
        double[] yM = new double[count];
        int[][] neighbours = new int[count][];
        for (int node = 0; node < points.size(); node++) {
            int target = newIndex[node];
            if (target >= 0) {
                xM[target] = points.get(node)[0];
                yM[target] = points.get(node)[1];
                neighbours[target] =
                        links.get(node).stream().mapToInt(n -> newIndex[n]).toArray();
            }
        }
        return new StreetGrid(xM, yM, neighbours, radiusM);
    }

    public int size() {
        return xM.length;
    }

    public double xM(int node) {
        return xM[node];
    }

    public double yM(int node) {
        return yM[node];
    }

    public int[] neighbours(int node) {
        return neighbours[node].clone();
    }

    public double radiusM() {
        return radiusM;
    }

    /** Returns the street length between two joined intersections, in metres. */
    public double lengthM(int from, int to) {
        return Math.hypot(xM[to] - xM[from], yM[to] - yM[from]);
    }

    /** Returns the direction of travel from one intersection to another, clockwise from north, in degrees. */
    public double bearingDeg(int from, int to) {
        return Geo.normalizeDeg(Math.toDegrees(Math.atan2(xM[to] - xM[from], yM[to] - yM[from])));
    }
}
