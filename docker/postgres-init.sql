-- Run once by the postgres image on a new volume: a database and role for
-- Temporal, and one for dsr. Set real passwords before first start; the dsr
-- role's password goes into secrets/dsr_database_url as
-- postgres://dsr:PASSWORD@postgresql:5432/dsr?sslmode=disable
CREATE ROLE temporal LOGIN PASSWORD 'change-me-temporal' CREATEDB;
CREATE ROLE dsr LOGIN PASSWORD 'change-me-dsr';
CREATE DATABASE dsr OWNER dsr;
