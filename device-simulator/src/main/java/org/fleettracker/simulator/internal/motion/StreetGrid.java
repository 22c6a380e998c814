package org.fleettracker.simulator.internal.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A grid-like street network inside a circle: intersections on a rotated, slightly jittered square grid, joined
 * to their four grid neighbours. Every {@link #ARTERIAL_SPACING}th grid line, counted from the one through the
 * centre, is an arterial road, and the other streets are urban.
 *
 * <p>Every intersection lies inside the circle, and because a disc is convex, every street between two of them
 * does too. Coordinates are metres east ({@code x}) and north ({@code y}) of the centre. Immutable.
 */
public final class StreetGrid {

    /** Grid lines between two arterial roads, so an arterial every 1 km with the city's 250 m blocks. */
    public static final int ARTERIAL_SPACING = 4;

    private final double[] xM;
    private final double[] yM;
    private final int[] column;
    private final int[] row;
    private final int[][] neighbours;
    private final double radiusM;

    private StreetGrid(double[] xM, double[] yM, int[] column, int[] row, int[][] neighbours, double radiusM) {
        this.xM = xM;
        this.yM = yM;
        this.column = column;
        this.row = row;
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
                    points.add(new double[] {x, y, i - half, j - half});
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
        int[] column = new int[count];
        int[] row = new int[count];
        int[][] neighbours = new int[count][];
        for (int node = 0; node < points.size(); node++) {
            int target = newIndex[node];
            if (target >= 0) {
                xM[target] = points.get(node)[0];
                yM[target] = points.get(node)[1];
                column[target] = (int) points.get(node)[2];
                row[target] = (int) points.get(node)[3];
                neighbours[target] =
                        links.get(node).stream().mapToInt(n -> newIndex[n]).toArray();
            }
        }
        return new StreetGrid(xM, yM, column, row, neighbours, radiusM);
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

    /** Returns the class of the street between two joined intersections. */
    public RoadClass roadClass(int from, int to) {
        boolean sameColumn = column[from] == column[to];
        int line = sameColumn ? column[from] : row[from];
        return line % ARTERIAL_SPACING == 0 ? RoadClass.ARTERIAL : RoadClass.URBAN;
    }

    /** Returns the direction of travel from one intersection to another, clockwise from north, in degrees. */
    public double bearingDeg(int from, int to) {
        return Geo.normalizeDeg(Math.toDegrees(Math.atan2(xM[to] - xM[from], yM[to] - yM[from])));
    }
}
