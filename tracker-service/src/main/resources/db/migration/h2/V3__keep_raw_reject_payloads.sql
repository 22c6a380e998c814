-- The raw bytes of a rejected payload, so that input that is not UTF-8 text can be examined byte for byte.
-- payload_size is the whole payload's size; payload_head holds at most its first 4096 bytes.
-- Both stay null for rejects stored before version 3.
ALTER TABLE rejects ADD COLUMN payload_size INTEGER;
ALTER TABLE rejects ADD COLUMN payload_head VARBINARY(4096);
