package org.fleettracker.console.internal.map;

import org.fleettracker.console.internal.model.GeoBounds;
import org.fleettracker.console.internal.model.TrailPoint;
import org.fleettracker.console.internal.model.VehicleStatus;
import org.fleettracker.console.internal.model.VehicleTrack;
import org.fleettracker.console.internal.model.WebMercator;
import org.fleettracker.protocol.api.VehicleState;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet in normalised Web Mercator coordinates, so drawing a frame costs arithmetic per vehicle and no
 * logarithms or allocations.
 *
 * <p>{@link #refresh} projects again only the vehicles whose state or trail changed since the last call. Indexes
 * are stable between refreshes unless a vehicle leaves the model. Not thread safe: used on the FX thread.
 */
public final class ProjectedFleet {

    private final List<Vehicle> vehicles = new ArrayList<>();
    private final Map<String, Integer> indexById = new HashMap<>();
    private long round;

    /** Brings every vehicle up to date with {@code tracks}, the model's vehicles. */
    public void refresh(Collection<VehicleTrack> tracks) {
        round++;
        for (VehicleTrack track : tracks) {
            Integer index = indexById.get(track.vehicleId());
            Vehicle vehicle;
            if (index == null) {
                vehicle = new Vehicle(track.vehicleId());
                indexById.put(track.vehicleId(), vehicles.size());
                vehicles.add(vehicle);
            } else {
                vehicle = vehicles.get(index);
            }
            vehicle.update(track, round);
        }
        if (vehicles.size() > tracks.size()) {
            dropVehiclesNotIn(round);
        }
    }

    private void dropVehiclesNotIn(long currentRound) {
        vehicles.removeIf(vehicle -> vehicle.seenRound != currentRound);
        indexById.clear();
        for (int i = 0; i < vehicles.size(); i++) {
            indexById.put(vehicles.get(i).vehicleId, i);
        }
    }

    public int size() {
        return vehicles.size();
    }

    /** Returns the box around every vehicle's latest position, or null while none has a position. */
    public @Nullable GeoBounds bounds() {
        double west = Double.POSITIVE_INFINITY;
        double east = Double.NEGATIVE_INFINITY;
        double north = Double.POSITIVE_INFINITY;
        double south = Double.NEGATIVE_INFINITY;
        for (Vehicle vehicle : vehicles) {
            if (vehicle.hasPosition) {
                west = Math.min(west, vehicle.mercatorX);
                east = Math.max(east, vehicle.mercatorX);
                north = Math.min(north, vehicle.mercatorY);
                south = Math.max(south, vehicle.mercatorY);
            }
        }
        if (west > east) {
            return null;
        }
        return new GeoBounds(
                WebMercator.latitudeDeg(south),
                WebMercator.latitudeDeg(north),
                WebMercator.longitudeDeg(west),
                WebMercator.longitudeDeg(east));
    }

    /** Returns the index of {@code vehicleId}, or -1 when the fleet has no such vehicle. */
    public int indexOf(@Nullable String vehicleId) {
        Integer index = vehicleId == null ? null : indexById.get(vehicleId);
        return index == null ? -1 : index;
    }

    public String vehicleId(int index) {
        return vehicles.get(index).vehicleId;
    }

    /** Returns whether the vehicle has a position; without one it is not on the map. */
    public boolean hasPosition(int index) {
        return vehicles.get(index).hasPosition;
    }

    /** Returns the normalised Web Mercator x of the latest position, 0 at longitude -180 and 1 at 180. */
    public double mercatorX(int index) {
        return vehicles.get(index).mercatorX;
    }

    /** Returns the normalised Web Mercator y of the latest position, 0 in the far north and 1 in the far south. */
    public double mercatorY(int index) {
        return vehicles.get(index).mercatorY;
    }

    public double headingDeg(int index) {
        return vehicles.get(index).headingDeg;
    }

    public VehicleStatus status(int index) {
        return vehicles.get(index).status;
    }

    public boolean isStale(int index) {
        return vehicles.get(index).stale;
    }

    public int trailSize(int index) {
        return vehicles.get(index).trailSize;
    }

    /** Returns the normalised Web Mercator x of trail point {@code point}, oldest first. */
    public double trailMercatorX(int index, int point) {
        return vehicles.get(index).trailX[point];
    }

    /** Returns the normalised Web Mercator y of trail point {@code point}, oldest first. */
    public double trailMercatorY(int index, int point) {
        return vehicles.get(index).trailY[point];
    }

    /** One vehicle's projected state; mutable, so a refresh reuses it. */
    private static final class Vehicle {

        private final String vehicleId;
        private @Nullable VehicleState projectedState;
        private int projectedTrailSize = -1;
        private long seenRound;
        private boolean hasPosition;
        private double mercatorX;
        private double mercatorY;
        private double headingDeg;
        private VehicleStatus status = VehicleStatus.NO_FIX;
        private boolean stale;
        private double[] trailX = new double[0];
        private double[] trailY = new double[0];
        private @Nullable TrailPoint[] trailPoints = new TrailPoint[0];
        private int trailSize;

        Vehicle(String vehicleId) {
            this.vehicleId = vehicleId;
        }

        void update(VehicleTrack track, long round) {
            seenRound = round;
            status = track.status();
            stale = track.isStale();
            VehicleState state = track.state().orElse(null);
            // States are immutable values replaced on every change, so an identical reference means no change.
            if (state != projectedState) {
                projectedState = state;
                hasPosition = state != null;
                if (state != null) {
                    mercatorX = WebMercator.x(state.longitudeDeg());
                    mercatorY = WebMercator.y(state.latitudeDeg());
                    headingDeg = state.headingDeg();
                }
                projectTrail(track);
            } else if (track.trail().size() != projectedTrailSize) {
                projectTrail(track);
            }
        }

        /**
         * Projects the trail's points, reusing the projection of every point that was on the trail before: an
         * update usually appends one point and drops the oldest, so only the new point costs a projection.
         */
        private void projectTrail(VehicleTrack track) {
            List<TrailPoint> points = track.trail().points();
            int size = points.size();
            if (trailX.length < size) {
                int capacity = Math.max(size, track.trail().capacity());
                trailX = Arrays.copyOf(trailX, capacity);
                trailY = Arrays.copyOf(trailY, capacity);
                trailPoints = Arrays.copyOf(trailPoints, capacity);
            }
            int offset = size == 0 ? -1 : projectedIndexOf(points.get(0));
            for (int p = 0; p < size; p++) {
                TrailPoint point = points.get(p);
                // Reads an index at or after p, which this loop has not overwritten yet.
                int oldIndex = p + offset;
                if (offset >= 0 && oldIndex < trailSize && trailPoints[oldIndex] == point) {
                    trailX[p] = trailX[oldIndex];
                    trailY[p] = trailY[oldIndex];
                } else {
                    trailX[p] = WebMercator.x(point.position().longitudeDeg());
                    trailY[p] = WebMercator.y(point.position().latitudeDeg());
                }
                trailPoints[p] = point;
            }
            Arrays.fill(trailPoints, size, Math.max(size, trailSize), null);
            trailSize = size;
            projectedTrailSize = size;
        }

        /** Returns the index of {@code point}, the same instance, on the projected trail, or -1. */
        private int projectedIndexOf(TrailPoint point) {
            for (int i = 0; i < trailSize; i++) {
                if (trailPoints[i] == point) {
                    return i;
                }
            }
            return -1;
        }
    }
}
