-- PostgreSQL creates the dsr_app role here; an embedded SQLite file has no
-- roles, so this version only keeps the numbering in step.
SELECT 1;
