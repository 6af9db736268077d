-- A sponsor may say whom an invitation is for, and why (shown to moderators).
ALTER TABLE invitations ADD COLUMN note TEXT;
