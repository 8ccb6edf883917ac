-- The Specific Character Set of the object each row's text came from (index.entity.*.specificCharset):
-- C-FIND answers in it when the request's character set cannot hold a value. Rows indexed before this
-- version have none, and are answered in UTF-8 then; objects stored again get it.

alter table qr_patient add column specific_charset varchar(256);
alter table qr_study add column specific_charset varchar(256);
alter table qr_series add column specific_charset varchar(256);
alter table qr_instance add column specific_charset varchar(256);
