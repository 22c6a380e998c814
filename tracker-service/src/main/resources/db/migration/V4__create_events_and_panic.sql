-- Every event the fleet rules raised. An alert (alert = TRUE) stays open until a dispatcher acknowledges it; the
-- acknowledgement records who and when. attributes holds the event's attributes as a JSON object.
CREATE TABLE events (
    event_id           VARCHAR(64)                 NOT NULL PRIMARY KEY,
    fleet_id           VARCHAR(64)                 NOT NULL,
    vehicle_id         VARCHAR(64),
    type               VARCHAR(64)                 NOT NULL,
    event_time         TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    raised_time        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    severity           VARCHAR(16)                 NOT NULL,
    alert              BOOLEAN                     NOT NULL,
    attributes         VARCHAR(8192)               NOT NULL,
    acknowledged_by    VARCHAR(64),
    acknowledged_time  TIMESTAMP(9) WITH TIME ZONE,
    acknowledged_note  VARCHAR(1000)
);

CREATE INDEX events_fleet_time_idx ON events (fleet_id, event_time, event_id);
CREATE INDEX events_vehicle_time_idx ON events (vehicle_id, event_time, event_id);
CREATE INDEX events_open_alerts_idx ON events (alert, acknowledged_time, fleet_id);

-- The panic flag a vehicle reports with a fix; null when it reports none.
ALTER TABLE positions ADD COLUMN panic BOOLEAN;
