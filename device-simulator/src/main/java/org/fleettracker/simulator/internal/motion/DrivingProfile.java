package org.fleettracker.simulator.internal.motion;

/**
 * Tunables of the generated street network and of how vehicles drive it.
 *
 * @param blockM preferred distance between neighbouring intersections
 * @param minBlockM smallest block size, used when the radius is small
 * @param jitterFraction random shift of each intersection, as a fraction of the block size
 * @param minCruiseKmh lowest cruise speed drawn for a street segment
 * @param maxCruiseKmh highest cruise speed drawn for a street segment
 * @param turnKmh speed limit through a turn of more than {@link #straightToleranceDeg}
 * @param uTurnKmh speed limit through a U-turn at a dead end
 * @param straightToleranceDeg largest change of direction that counts as driving straight on
 * @param accelerationMps2 acceleration from standstill or after a turn, in m/s²
 * @param decelerationMps2 braking before turns and stops, in m/s²
 * @param stopProbability chance of stopping at an intersection (traffic light, give way)
 * @param minStopS shortest stop, in seconds
 * @param maxStopS longest stop, in seconds
 * @param stepS largest integration step of the motion model, in seconds
 */
public record DrivingProfile(
        double blockM,
        double minBlockM,
        double jitterFraction,
        double minCruiseKmh,
        double maxCruiseKmh,
        double turnKmh,
        double uTurnKmh,
        double straightToleranceDeg,
        double accelerationMps2,
        double decelerationMps2,
        double stopProbability,
        double minStopS,
        double maxStopS,
        double stepS) {

    /** City traffic: 250 m blocks, 30 to 60 km/h, 15 km/h through turns, a stop at 15 % of intersections. */
    public static final DrivingProfile CITY =
            new DrivingProfile(250, 60, 0.15, 30, 60, 15, 8, 20, 2.0, 2.5, 0.15, 3, 20, 0.1);

    public DrivingProfile {
        if (!(minBlockM > 0 && blockM >= minBlockM)) {
            throw new IllegalArgumentException("block sizes must satisfy 0 < minBlockM <= blockM");
        }
        if (!(jitterFraction >= 0 && jitterFraction < 0.5)) {
            throw new IllegalArgumentException("jitterFraction " + jitterFraction + " is out of range [0, 0.5)");
        }
        if (!(uTurnKmh > 0 && uTurnKmh <= turnKmh && turnKmh <= minCruiseKmh && minCruiseKmh <= maxCruiseKmh)) {
            throw new IllegalArgumentException(
                    "speeds must satisfy 0 < uTurnKmh <= turnKmh <= minCruiseKmh <= maxCruiseKmh");
        }
        if (!(accelerationMps2 > 0 && decelerationMps2 > 0 && stepS > 0)) {
            throw new IllegalArgumentException("acceleration, deceleration and step must be positive");
        }
        if (!(stopProbability >= 0 && stopProbability <= 1 && minStopS >= 0 && maxStopS >= minStopS)) {
            throw new IllegalArgumentException("stop probability must be in [0, 1] and 0 <= minStopS <= maxStopS");
        }
    }
}
