-- PostgreSQL version of h2/V7: TIMESTAMPTZ for TIMESTAMP(9) WITH TIME ZONE and ids with COLLATE "C" (see V1).
-- Commands sent to vehicles. status is the latest step of the flow (created, stored, published, delivered,
-- acknowledged, completed, rejected, expired); command_steps keeps every step with its time. payload is the
-- command's JSON as published; request_hash identifies the HTTP request body, so the tracker can tell a repeated
-- POST with the same command id from a conflicting one.
CREATE TABLE commands (
    command_id     VARCHAR(64) COLLATE "C"     NOT NULL PRIMARY KEY,
    fleet_id       VARCHAR(64) COLLATE "C"     NOT NULL,
    vehicle_id     VARCHAR(64) COLLATE "C"     NOT NULL,
    type           VARCHAR(32)                 NOT NULL,
    job_id         VARCHAR(64) COLLATE "C",
    issued_by      VARCHAR(64)                 NOT NULL,
    issued_time    TIMESTAMPTZ                 NOT NULL,
    expires_time   TIMESTAMPTZ,
    status         VARCHAR(16)                 NOT NULL,
    reason         VARCHAR(256),
    updated_time   TIMESTAMPTZ                 NOT NULL,
    request_hash   VARCHAR(64)                 NOT NULL,
    payload        VARCHAR(16384)              NOT NULL
);

CREATE INDEX commands_vehicle_time_idx ON commands (vehicle_id, issued_time, command_id);
CREATE INDEX commands_status_idx ON commands (status);

-- One row per step a command reached; a step is stored once, so a repeated vehicle ack changes nothing.
CREATE TABLE command_steps (
    command_id  VARCHAR(64) COLLATE "C"     NOT NULL,
    status      VARCHAR(16)                 NOT NULL,
    step_time   TIMESTAMPTZ                 NOT NULL,
    reason      VARCHAR(256),
    PRIMARY KEY (command_id, status)
);

-- Dispatch jobs. stops_done counts the stops the vehicle has departed from; offline_alerted records that the
-- job-vehicle-offline alert was raised for the current outage.
CREATE TABLE jobs (
    job_id           VARCHAR(64) COLLATE "C"     NOT NULL PRIMARY KEY,
    fleet_id         VARCHAR(64) COLLATE "C"     NOT NULL,
    vehicle_id       VARCHAR(64) COLLATE "C"     NOT NULL,
    status           VARCHAR(16)                 NOT NULL,
    command_id       VARCHAR(64) COLLATE "C"     NOT NULL,
    created_by       VARCHAR(64)                 NOT NULL,
    created_time     TIMESTAMPTZ                 NOT NULL,
    updated_time     TIMESTAMPTZ                 NOT NULL,
    stops_done       INT                         NOT NULL,
    last_fix_time    TIMESTAMPTZ,
    offline_alerted  BOOLEAN                     NOT NULL
);

CREATE INDEX jobs_vehicle_status_idx ON jobs (vehicle_id, status);
CREATE INDEX jobs_fleet_time_idx ON jobs (fleet_id, created_time, job_id);

-- The stops of each job in visit order (seq from 0), with the times the vehicle arrived and departed.
CREATE TABLE job_stops (
    job_id           VARCHAR(64) COLLATE "C"     NOT NULL,
    seq              INT                         NOT NULL,
    stop_id          VARCHAR(64) COLLATE "C"     NOT NULL,
    kind             VARCHAR(16)                 NOT NULL,
    name             VARCHAR(100)                NOT NULL,
    latitude_deg     DOUBLE PRECISION            NOT NULL,
    longitude_deg    DOUBLE PRECISION            NOT NULL,
    radius_m         DOUBLE PRECISION            NOT NULL,
    window_start     TIMESTAMPTZ,
    window_end       TIMESTAMPTZ,
    arrived_time     TIMESTAMPTZ,
    departed_time    TIMESTAMPTZ,
    at_risk_alerted  BOOLEAN                     NOT NULL,
    PRIMARY KEY (job_id, seq),
    UNIQUE (job_id, stop_id)
);
