-- A suspended person who erases their data is barred too, but only until their suspension
-- would have ended: erasing is no way around a sanction, and no harsher one either. NULL: a
-- ban, for good.
ALTER TABLE barred_accounts ADD COLUMN until INTEGER;
