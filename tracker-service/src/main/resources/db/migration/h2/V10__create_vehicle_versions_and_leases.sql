-- One row per vehicle that several tracker instances on one database lock in each batch transaction (SELECT ... FOR
-- UPDATE, in vehicle id order), so that only one instance at a time runs the fleet rules for a vehicle. version
-- grows with every batch or tick that changed the vehicle, and instance_id names the tracker that wrote it: an
-- instance whose own last write is not the row's reloads its in-memory state of the vehicle first. online and
-- presence_time are the vehicle's latest applied presence and when a tracker received it, because with a shared
-- presence subscription each instance sees only some presence messages. A single tracker never writes this table.
CREATE TABLE vehicle_versions (
    vehicle_id     VARCHAR(64)                 NOT NULL PRIMARY KEY,
    version        BIGINT                      NOT NULL,
    instance_id    VARCHAR(64)                 NOT NULL,
    updated_time   TIMESTAMP(9) WITH TIME ZONE,
    online         BOOLEAN,
    presence_time  TIMESTAMP(9) WITH TIME ZONE
);

INSERT INTO vehicle_versions (vehicle_id, version, instance_id)
SELECT DISTINCT vehicle_id, 0, '' FROM positions;

-- Leases that let one tracker instance at a time do a cluster-wide job, such as the fleet rules' tick. The holder
-- renews its lease before it expires; another instance takes it over once expires_time has passed.
CREATE TABLE cluster_leases (
    lease_name     VARCHAR(64)                 NOT NULL PRIMARY KEY,
    holder         VARCHAR(64)                 NOT NULL,
    expires_time   TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

INSERT INTO cluster_leases (lease_name, holder, expires_time)
VALUES ('fleet-tick', '', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
