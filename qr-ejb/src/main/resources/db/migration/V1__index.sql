-- The index of stored objects: patients, studies, series, instances, per archive AE title.
-- Portable SQL for H2 2.x and PostgreSQL 15. Applied once by SchemaMigration; never edit a
-- released script: add V2__....sql instead.

create sequence qr_seq start with 1 increment by 50;

create table qr_patient (
    pk bigint primary key,
    ae_title varchar(16) not null,
    patient_id varchar(64) not null,
    issuer_of_patient_id varchar(64) not null,
    patient_name varchar(1024),
    patient_name_norm varchar(1024),
    patient_birth_date varchar(8),
    patient_birth_time varchar(16),
    patient_sex varchar(16),
    other_patient_ids varchar(1024),
    other_patient_names varchar(1024),
    ethnic_group varchar(16),
    patient_comments varchar(10240),
    created_at timestamp not null,
    updated_at timestamp not null,
    constraint qr_patient_uk unique (ae_title, patient_id, issuer_of_patient_id)
);
create index qr_patient_name_idx on qr_patient (ae_title, patient_name_norm);
create index qr_patient_name_cs_idx on qr_patient (ae_title, patient_name);
create index qr_patient_birth_idx on qr_patient (patient_birth_date);

create table qr_study (
    pk bigint primary key,
    ae_title varchar(16) not null,
    patient_fk bigint not null references qr_patient (pk),
    study_instance_uid varchar(64) not null,
    study_date varchar(8),
    study_time varchar(16),
    accession_number varchar(16),
    referring_physician_name varchar(1024),
    referring_physician_name_norm varchar(1024),
    study_description varchar(1024),
    name_of_physicians_reading varchar(1024),
    admitting_diagnoses varchar(1024),
    patient_age varchar(4),
    patient_size varchar(16),
    patient_weight varchar(16),
    occupation varchar(16),
    additional_patient_history varchar(10240),
    study_id varchar(16),
    other_study_numbers varchar(1024),
    created_at timestamp not null,
    updated_at timestamp not null,
    constraint qr_study_uk unique (ae_title, study_instance_uid)
);
create index qr_study_patient_idx on qr_study (patient_fk);
create index qr_study_date_idx on qr_study (ae_title, study_date, study_time);
create index qr_study_accession_idx on qr_study (ae_title, accession_number);
create index qr_study_updated_idx on qr_study (ae_title, updated_at);

create table qr_series (
    pk bigint primary key,
    ae_title varchar(16) not null,
    study_fk bigint not null references qr_study (pk),
    series_instance_uid varchar(64) not null,
    modality varchar(16),
    series_number varchar(12),
    series_description varchar(1024),
    pps_start_date varchar(8),
    created_at timestamp not null,
    updated_at timestamp not null,
    constraint qr_series_uk unique (ae_title, series_instance_uid)
);
create index qr_series_study_idx on qr_series (study_fk);
create index qr_series_modality_idx on qr_series (ae_title, modality);

create table qr_instance (
    pk bigint primary key,
    ae_title varchar(16) not null,
    series_fk bigint not null references qr_series (pk),
    sop_instance_uid varchar(64) not null,
    sop_class_uid varchar(64) not null,
    instance_number varchar(12),
    transfer_syntax_uid varchar(64) not null,
    file_path varchar(512) not null,
    file_size bigint not null,
    received_at timestamp not null,
    source_ae_title varchar(16),
    constraint qr_instance_uk unique (ae_title, sop_instance_uid)
);
create index qr_instance_series_idx on qr_instance (series_fk);
create index qr_instance_class_idx on qr_instance (ae_title, sop_class_uid);
