-- PostgreSQL version of h2/V4: TIMESTAMPTZ for TIMESTAMP(9) WITH TIME ZONE and ids with COLLATE "C" (see V1).
-- Every event the fleet rules raised. An alert (alert = TRUE) stays open until a dispatcher acknowledges it; the
-- acknowledgement records who and when. attributes holds the event's attributes as a JSON object.
CREATE TABLE events (
    event_id           VARCHAR(64) COLLATE "C"     NOT NULL PRIMARY KEY,
    fleet_id           VARCHAR(64) COLLATE "C"     NOT NULL,
    vehicle_id         VARCHAR(64) COLLATE "C",
    type               VARCHAR(64)                 NOT NULL,
    event_time         TIMESTAMPTZ                 NOT NULL,
    raised_time        TIMESTAMPTZ                 NOT NULL,
    severity           VARCHAR(16)                 NOT NULL,
    alert              BOOLEAN                     NOT NULL,
    attributes         VARCHAR(8192)               NOT NULL,
    acknowledged_by    VARCHAR(64),
    acknowledged_time  TIMESTAMPTZ,
    acknowledged_note  VARCHAR(1000)
);

CREATE INDEX events_fleet_time_idx ON events (fleet_id, event_time, event_id);
CREATE INDEX events_vehicle_time_idx ON events (vehicle_id, event_time, event_id);
CREATE INDEX events_open_alerts_idx ON events (alert, acknowledged_time, fleet_id);

-- The panic flag a vehicle reports with a fix; null when it reports none.
ALTER TABLE positions ADD COLUMN panic BOOLEAN;

-- Conditions of a vehicle that the fleet rules keep open between fixes, such as offline, stale, idle, overspeed
-- or panic, so that a restart neither raises their events again nor forgets them. since is when the condition
-- began; detail is rule-specific text, such as the highest speed of an overspeed episode.
CREATE TABLE vehicle_conditions (
    vehicle_id  VARCHAR(64) COLLATE "C"     NOT NULL,
    condition   VARCHAR(32)                 NOT NULL,
    fleet_id    VARCHAR(64) COLLATE "C"     NOT NULL,
    since       TIMESTAMPTZ                 NOT NULL,
    raised      BOOLEAN                     NOT NULL,
    detail      VARCHAR(256),
    PRIMARY KEY (vehicle_id, condition)
);

-- Distance each vehicle has covered, added up from its accepted fixes in fix-time order. anchor_* is the last
-- fix that was counted; jitter below the noise floor is not counted until the vehicle really moves away.
CREATE TABLE vehicle_odometers (
    vehicle_id     VARCHAR(64) COLLATE "C"     NOT NULL PRIMARY KEY,
    fleet_id       VARCHAR(64) COLLATE "C"     NOT NULL,
    distance_m     DOUBLE PRECISION            NOT NULL,
    anchor_lat     DOUBLE PRECISION            NOT NULL,
    anchor_lon     DOUBLE PRECISION            NOT NULL,
    last_fix_time  TIMESTAMPTZ                 NOT NULL
);

-- Settings of one vehicle that override the fleet-wide defaults; a null column keeps the default.
CREATE TABLE vehicle_settings (
    vehicle_id           VARCHAR(64) COLLATE "C"     NOT NULL PRIMARY KEY,
    fleet_id             VARCHAR(64) COLLATE "C"     NOT NULL,
    overspeed_limit_kmh  DOUBLE PRECISION,
    updated_by           VARCHAR(64)                 NOT NULL,
    updated_time         TIMESTAMPTZ                 NOT NULL
);
