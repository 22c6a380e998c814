-- PostgreSQL version of h2/V10: TIMESTAMPTZ for TIMESTAMP(9) WITH TIME ZONE and ids with COLLATE "C" (see V1).
-- Several tracker instances on one database lock a vehicle's row in each batch transaction (SELECT ... FOR UPDATE,
-- in vehicle id order), so that only one instance at a time runs the fleet rules for a vehicle. h2/V10 explains
-- the columns.
CREATE TABLE vehicle_versions (
    vehicle_id     VARCHAR(64) COLLATE "C"     NOT NULL PRIMARY KEY,
    version        BIGINT                      NOT NULL,
    instance_id    VARCHAR(64) COLLATE "C"     NOT NULL,
    updated_time   TIMESTAMPTZ,
    online         BOOLEAN,
    presence_time  TIMESTAMPTZ
);

INSERT INTO vehicle_versions (vehicle_id, version, instance_id)
SELECT DISTINCT vehicle_id, 0, '' FROM positions;

-- Leases that let one tracker instance at a time do a cluster-wide job, such as the fleet rules' tick.
CREATE TABLE cluster_leases (
    lease_name     VARCHAR(64) COLLATE "C"     NOT NULL PRIMARY KEY,
    holder         VARCHAR(64) COLLATE "C"     NOT NULL,
    expires_time   TIMESTAMPTZ                 NOT NULL
);

INSERT INTO cluster_leases (lease_name, holder, expires_time)
VALUES ('fleet-tick', '', TIMESTAMPTZ '1970-01-01 00:00:00+00');
