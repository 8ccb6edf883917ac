-- Sequence attributes of each level (index.entity.IndexedSequences), kept so that C-FIND can match and
-- return them: one encoded data set per row. bytea is understood by H2 2.x and PostgreSQL 15 alike.
-- Rows indexed before this version have none; objects stored again get them.

alter table qr_patient add column sequences bytea;
alter table qr_study add column sequences bytea;
alter table qr_series add column sequences bytea;
alter table qr_instance add column sequences bytea;
