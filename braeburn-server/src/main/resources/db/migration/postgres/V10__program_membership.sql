-- Issue 14: the team's developer-program membership (ACTIVE, EXPIRED, NONE), an admin switch that
-- reproduces the provisioning 403s of provisioning.md §8 while the rest of the API keeps working.
ALTER TABLE teams ADD COLUMN program_membership TEXT NOT NULL DEFAULT 'ACTIVE';
