-- One data subject per case. subject_conflict: intake found the sender's
-- e-mail address on another person's rows than the personnummer given
-- names. verified_subject: which identifier staff verified the requester
-- by (personnummer or email; empty: both, when they name one person);
-- fulfilment, extracts and notices act on that identifier alone. The
-- workflow writes verified_subject with the case's projection.
ALTER TABLE cases ADD COLUMN subject_conflict BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE cases ADD COLUMN verified_subject TEXT NOT NULL DEFAULT '';
