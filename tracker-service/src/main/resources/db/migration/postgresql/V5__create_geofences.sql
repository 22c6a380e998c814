-- PostgreSQL version of h2/V5: TEXT for CHARACTER LARGE OBJECT, TIMESTAMPTZ and ids with COLLATE "C" (see V1).
-- Geofences from the geofences file (source 'file') and the HTTP API (source 'api'). geometry is the GeoJSON
-- geometry in longitude, latitude order; a circle is its centre Point with radius_m set. At start the file's
-- geofences replace the rows with their ids, and rows from the API are kept.
CREATE TABLE geofences (
    geofence_id      VARCHAR(64) COLLATE "C"     NOT NULL PRIMARY KEY,
    fleet_id         VARCHAR(64) COLLATE "C"     NOT NULL,
    name             VARCHAR(256)                NOT NULL,
    source           VARCHAR(8)                  NOT NULL,
    geometry         TEXT                        NOT NULL,
    radius_m         DOUBLE PRECISION,
    speed_limit_kmh  DOUBLE PRECISION,
    dwell_s          BIGINT,
    updated_time     TIMESTAMPTZ                 NOT NULL
);

CREATE INDEX geofences_fleet_idx ON geofences (fleet_id, geofence_id);

-- Whether a vehicle is inside a geofence, since which fix time, and whether the dwell event of this visit was
-- raised, so that a restart neither repeats nor loses an enter, leave or dwell event.
CREATE TABLE geofence_presence (
    vehicle_id    VARCHAR(64) COLLATE "C"     NOT NULL,
    geofence_id   VARCHAR(64) COLLATE "C"     NOT NULL,
    inside        BOOLEAN                     NOT NULL,
    since         TIMESTAMPTZ                 NOT NULL,
    dwell_raised  BOOLEAN                     NOT NULL,
    PRIMARY KEY (vehicle_id, geofence_id)
);

CREATE INDEX geofence_presence_geofence_idx ON geofence_presence (geofence_id);
