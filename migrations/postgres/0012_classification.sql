-- Why intake read a message as it did: the frames and words that decided
-- each right, the rights it guessed for a triage case, and its confidence
-- (JSON, lexicon words only, never the message's own text). Staff and
-- compliance see why a mail became a case; `dsr intake review` compares
-- the guess with what staff decided.
ALTER TABLE cases ADD COLUMN classification TEXT NOT NULL DEFAULT '';
