-- A deploy that names no strategy takes its group's default.
ALTER TABLE directory_groups ADD COLUMN strategy TEXT;
