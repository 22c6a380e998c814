-- PostgreSQL version of h2/V8: TIMESTAMPTZ for TIMESTAMP(9) WITH TIME ZONE (see V1).
-- When the tracker wrote the row: the time its batch's INSERT ran, shortly before the batch's commit. The benchmark
-- (./fleet bench) reads it to measure publish-to-commit latency. Rows stored before this version carry none.
ALTER TABLE positions ADD COLUMN stored_time TIMESTAMPTZ;
