-- Trips and stops the trip rule detected from accepted positions (docs/fleet-logic.md). Times are UTC instants.
-- While ongoing = TRUE, a trip's end is its latest fix. A stop's end_time is NULL while the stop is ongoing.
CREATE TABLE trips (
    trip_id        VARCHAR(64)                 NOT NULL PRIMARY KEY,
    fleet_id       VARCHAR(64)                 NOT NULL,
    vehicle_id     VARCHAR(64)                 NOT NULL,
    start_time     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    start_lat      DOUBLE PRECISION            NOT NULL,
    start_lon      DOUBLE PRECISION            NOT NULL,
    end_time       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    end_lat        DOUBLE PRECISION            NOT NULL,
    end_lon        DOUBLE PRECISION            NOT NULL,
    distance_m     DOUBLE PRECISION            NOT NULL,
    max_speed_kmh  DOUBLE PRECISION            NOT NULL,
    position_count INTEGER                     NOT NULL,
    ongoing        BOOLEAN                     NOT NULL
);

CREATE INDEX trips_vehicle_start_idx ON trips (vehicle_id, start_time, trip_id);

CREATE TABLE stops (
    stop_id       VARCHAR(64)                 NOT NULL PRIMARY KEY,
    fleet_id      VARCHAR(64)                 NOT NULL,
    vehicle_id    VARCHAR(64)                 NOT NULL,
    start_time    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    end_time      TIMESTAMP(9) WITH TIME ZONE,
    last_fix_time TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    lat           DOUBLE PRECISION            NOT NULL,
    lon           DOUBLE PRECISION            NOT NULL
);

CREATE INDEX stops_vehicle_start_idx ON stops (vehicle_id, start_time, stop_id);
