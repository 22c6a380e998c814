package org.fleettracker.console.internal.map;

import java.util.Arrays;

/**
 * Groups markers into the cells of a square grid on the canvas: every marker in one cell joins one cluster.
 *
 * <p>The grid is anchored to the world, not to the canvas, so panning moves clusters with the map instead of
 * regrouping them. Two markers close to either side of a cell border stay apart; a grid that cheap is what lets
 * the map regroup thousands of vehicles every frame. The arrays are reused between frames, so a frame with no
 * more clusters than an earlier one allocates nothing. Not thread safe.
 */
public final class ScreenClusterer {

    private static final int EMPTY = -1;

    private int[] slots = new int[64];
    private long[] slotKeys = new long[64];
    private int size;
    private int[] count = new int[16];
    private int[] firstMember = new int[16];
    private int[] maxUrgency = new int[16];
    private double[] sumXPx = new double[16];
    private double[] sumYPx = new double[16];
    private double[] minXPx = new double[16];
    private double[] minYPx = new double[16];
    private double[] maxXPx = new double[16];
    private double[] maxYPx = new double[16];
    private double cellPx = 1.0;
    private double originXPx;
    private double originYPx;

    /**
     * Forgets the previous frame's clusters and starts a grid of {@code cellPx} cells whose lines pass through
     * the canvas point ({@code originXPx}, {@code originYPx}), usually the world's north-western corner.
     */
    public void begin(double cellPx, double originXPx, double originYPx) {
        if (!(cellPx > 0)) {
            throw new IllegalArgumentException("cluster cell size must be positive, got " + cellPx + " px");
        }
        this.cellPx = cellPx;
        this.originXPx = originXPx;
        this.originYPx = originYPx;
        Arrays.fill(slots, EMPTY);
        size = 0;
    }

    /**
     * Adds a marker at canvas point ({@code xPx}, {@code yPx}).
     *
     * @param urgency how much the marker's status needs attention; a cluster keeps its members' maximum
     * @param member the caller's index of the marker, returned by {@link #firstMember(int)}
     */
    public void add(double xPx, double yPx, int urgency, int member) {
        long column = (long) Math.floor((xPx - originXPx) / cellPx);
        long row = (long) Math.floor((yPx - originYPx) / cellPx);
        long key = (column << 32) ^ (row & 0xffff_ffffL);
        int cluster = clusterFor(key);
        if (count[cluster] == 0) {
            firstMember[cluster] = member;
            maxUrgency[cluster] = urgency;
            minXPx[cluster] = xPx;
            maxXPx[cluster] = xPx;
            minYPx[cluster] = yPx;
            maxYPx[cluster] = yPx;
        } else {
            maxUrgency[cluster] = Math.max(maxUrgency[cluster], urgency);
            minXPx[cluster] = Math.min(minXPx[cluster], xPx);
            maxXPx[cluster] = Math.max(maxXPx[cluster], xPx);
            minYPx[cluster] = Math.min(minYPx[cluster], yPx);
            maxYPx[cluster] = Math.max(maxYPx[cluster], yPx);
        }
        count[cluster]++;
        sumXPx[cluster] += xPx;
        sumYPx[cluster] += yPx;
    }

    /** Returns how many clusters the markers added since {@link #begin} formed; a lone marker is one too. */
    public int size() {
        return size;
    }

    public int count(int cluster) {
        return count[checked(cluster)];
    }

    /** Returns the member index of the first marker added to the cluster, the one to draw for a lone marker. */
    public int firstMember(int cluster) {
        return firstMember[checked(cluster)];
    }

    public int maxUrgency(int cluster) {
        return maxUrgency[checked(cluster)];
    }

    /** Returns the canvas x of the members' mean position, where the cluster is drawn. */
    public double centerXPx(int cluster) {
        return sumXPx[checked(cluster)] / count[cluster];
    }

    /** Returns the canvas y of the members' mean position, where the cluster is drawn. */
    public double centerYPx(int cluster) {
        return sumYPx[checked(cluster)] / count[cluster];
    }

    public double minXPx(int cluster) {
        return minXPx[checked(cluster)];
    }

    public double maxXPx(int cluster) {
        return maxXPx[checked(cluster)];
    }

    public double minYPx(int cluster) {
        return minYPx[checked(cluster)];
    }

    public double maxYPx(int cluster) {
        return maxYPx[checked(cluster)];
    }

    private int checked(int cluster) {
        if (cluster < 0 || cluster >= size) {
            throw new IndexOutOfBoundsException("cluster " + cluster + " is outside [0, " + size + ")");
        }
        return cluster;
    }

    /** Returns the cluster of grid cell {@code key}, creating an empty one when the cell has none yet. */
    private int clusterFor(long key) {
        int mask = slots.length - 1;
        int slot = Long.hashCode(key * 0x9E37_79B9_7F4A_7C15L) & mask;
        while (slots[slot] != EMPTY) {
            if (slotKeys[slot] == key) {
                return slots[slot];
            }
            slot = (slot + 1) & mask;
        }
        int cluster = size++;
        ensureClusterCapacity(size);
        count[cluster] = 0;
        sumXPx[cluster] = 0;
        sumYPx[cluster] = 0;
        slots[slot] = cluster;
        slotKeys[slot] = key;
        // Open addressing stays fast while at most half of the slots are taken.
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return cluster;
    }

    private void rehash(int newSlotCount) {
        int[] oldSlots = slots;
        long[] oldKeys = slotKeys;
        slots = new int[newSlotCount];
        slotKeys = new long[newSlotCount];
        Arrays.fill(slots, EMPTY);
        int mask = newSlotCount - 1;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldSlots[i] == EMPTY) {
                continue;
            }
            int slot = Long.hashCode(oldKeys[i] * 0x9E37_79B9_7F4A_7C15L) & mask;
            while (slots[slot] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = oldSlots[i];
            slotKeys[slot] = oldKeys[i];
        }
    }

    private void ensureClusterCapacity(int needed) {
        if (needed <= count.length) {
            return;
        }
        int capacity = Math.max(needed, count.length * 2);
        count = Arrays.copyOf(count, capacity);
        firstMember = Arrays.copyOf(firstMember, capacity);
        maxUrgency = Arrays.copyOf(maxUrgency, capacity);
        sumXPx = Arrays.copyOf(sumXPx, capacity);
        sumYPx = Arrays.copyOf(sumYPx, capacity);
        minXPx = Arrays.copyOf(minXPx, capacity);
        minYPx = Arrays.copyOf(minYPx, capacity);
        maxXPx = Arrays.copyOf(maxXPx, capacity);
        maxYPx = Arrays.copyOf(maxYPx, capacity);
    }
}
