-- The quota mode of an archive AE (config.control.Quota.mode): delete-oldest (null: the default) or reject.

alter table qr_config_ae add column quota_mode varchar(16);
