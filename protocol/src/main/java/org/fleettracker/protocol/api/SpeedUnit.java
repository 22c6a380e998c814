package org.fleettracker.protocol.api;

import java.util.Optional;
import java.util.StringJoiner;

/** Unit of a telemetry payload's {@code speedKmh} value, named by its optional {@code speedUnit} field. */
enum SpeedUnit {
    KILOMETRES_PER_HOUR("km/h", 1),
    KNOTS("kn", 1.852),
    METRES_PER_SECOND("m/s", 3.6),
    MILES_PER_HOUR("mph", 1.609344);

    private final String code;
    private final double kmhPerUnit;

    SpeedUnit(String code, double kmhPerUnit) {
        this.code = code;
        this.kmhPerUnit = kmhPerUnit;
    }

    /** Returns the wire code, such as {@code kn}. */
    String code() {
        return code;
    }

    double toKmh(double value) {
        return value * kmhPerUnit;
    }

    static Optional<SpeedUnit> fromCode(String code) {
        for (SpeedUnit unit : values()) {
            if (unit.code.equals(code)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** Lists the codes for a reject detail, such as {@code km/h, kn, m/s, mph}. */
    static String codes() {
        StringJoiner joiner = new StringJoiner(", ");
        for (SpeedUnit unit : values()) {
            joiner.add(unit.code);
        }
        return joiner.toString();
    }
}
