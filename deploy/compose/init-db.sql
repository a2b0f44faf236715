-- The roles of docs/architecture.md "Database roles", as deploy/local creates them (local passwords: <role>-dev).
-- Run once by the postgres image on an empty data directory.
CREATE ROLE voipconfig LOGIN PASSWORD 'voipconfig-dev';
CREATE DATABASE voipconfig OWNER voipconfig;
CREATE ROLE voipconfig_reader NOLOGIN;
CREATE ROLE voipconfig_rps NOLOGIN;
CREATE ROLE config_service LOGIN PASSWORD 'config_service-dev' IN ROLE voipconfig_reader;
CREATE ROLE phonebook_service LOGIN PASSWORD 'phonebook_service-dev' IN ROLE voipconfig_reader;
CREATE ROLE media_service LOGIN PASSWORD 'media_service-dev' IN ROLE voipconfig_reader;
CREATE ROLE rps_sync_service LOGIN PASSWORD 'rps_sync_service-dev' IN ROLE voipconfig_rps;
