-- PostgreSQL version of h2/V3: BYTEA has no length, so a check keeps the 4096-byte limit of H2's VARBINARY(4096).
-- payload_size is the whole payload's size; payload_head holds at most its first 4096 bytes.
-- Both stay null for rejects stored before version 3.
ALTER TABLE rejects ADD COLUMN payload_size INTEGER;
ALTER TABLE rejects ADD COLUMN payload_head BYTEA CONSTRAINT rejects_payload_head_size_ck
    CHECK (octet_length(payload_head) <= 4096);
