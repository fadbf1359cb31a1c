-- A scope's freeze windows, as name|from|to|refuse entries separated by ';' (names are DNS labels).
ALTER TABLE directory_scopes ADD COLUMN freezes TEXT NOT NULL DEFAULT '';
