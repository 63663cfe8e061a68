-- How many characters of a letter its fonts could not draw and replaced
-- (an emoji in a name, a script the font lacks): a letter is never refused
-- for a name, and its record says what its reader will not see as written.
ALTER TABLE letters ADD COLUMN glyphs_replaced INTEGER NOT NULL DEFAULT 0;
