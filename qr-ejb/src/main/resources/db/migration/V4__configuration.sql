-- The configuration as data (config.entity): global settings, peer entries, groups, vendors and archive AEs,
-- i.e. dcmqrscp.cfg's four parts. Created empty: on the first start the archive fills it from the qr.*
-- system properties (config.boundary.ConfigurationRegistry); afterwards these tables are the truth.

create table qr_config_settings (
    id integer primary key,
    settings varchar(16000) not null,
    version integer not null
);

create table qr_config_peer (
    name varchar(64) primary key,
    ae_title varchar(16) not null,
    host varchar(253),
    port integer not null,
    version integer not null
);

create table qr_config_group (
    name varchar(64) primary key,
    version integer not null
);

create table qr_config_group_member (
    group_name varchar(64) not null references qr_config_group (name),
    position integer not null,
    member varchar(64) not null,
    primary key (group_name, position)
);

create table qr_config_vendor (
    name varchar(64) primary key,
    version integer not null
);

create table qr_config_vendor_member (
    vendor_name varchar(64) not null references qr_config_vendor (name),
    position integer not null,
    member varchar(64) not null,
    primary key (vendor_name, position)
);

create table qr_config_ae (
    ae_title varchar(16) primary key,
    storage_area varchar(1024),
    access varchar(2) not null,
    max_studies integer,
    max_bytes_per_study bigint,
    options varchar(16000) not null,
    version integer not null
);

create table qr_config_ae_peer (
    ae_title varchar(16) not null references qr_config_ae (ae_title),
    position integer not null,
    peer varchar(64) not null,
    primary key (ae_title, position)
);
