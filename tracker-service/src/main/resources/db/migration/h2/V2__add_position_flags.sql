-- Flags of the ingest rules (docs/ingest.md). Rows stored before this version carry none.
ALTER TABLE positions ADD COLUMN time_corrected BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE positions ADD COLUMN outlier BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE positions ADD COLUMN low_confidence BOOLEAN DEFAULT FALSE NOT NULL;

-- The duplicate check looks up (vehicle_id, fix_time, lat, lon), and this index holds all four columns.
-- It also serves the history and outlier look-ups by (vehicle_id, fix_time), so it replaces the V1 index.
CREATE INDEX positions_vehicle_fix_idx ON positions (vehicle_id, fix_time, lat, lon);
DROP INDEX positions_vehicle_fix_time_idx;
