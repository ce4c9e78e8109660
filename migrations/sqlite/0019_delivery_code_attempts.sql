-- A rider has a few tries at the customer's 4-digit delivery code. After the last wrong try the
-- delivery takes no code until code_locked_until (milliseconds since the epoch), so ten thousand
-- codes cannot be tried one after another; a right code clears the count.
ALTER TABLE deliveries ADD COLUMN code_failures INTEGER NOT NULL DEFAULT 0 CHECK (code_failures >= 0);
ALTER TABLE deliveries ADD COLUMN code_locked_until INTEGER;
