-- PostgreSQL version of h2/V9, which makes H2 cache 1000 identity values because H2 committed its sequence
-- separately each time the cache ran out. PostgreSQL's sequences have no such cost: nextval() writes no commit of
-- its own, and a cache here would be per session, so each pooled connection would skip the values it did not use.
-- The identity columns therefore keep PostgreSQL's default cache of 1. This version only keeps both dialects at
-- the same version number.
SELECT 1;
