-- V6: addresses are verified before they are trusted. An address that people add to their own contact waits
-- for confirmation (verified = FALSE) until they open the link mailed to it; until then it gets no notification
-- but that mail and is never a From address. confirmation_nonce is the newest link's (a newer link replaces it,
-- a confirmed address has none); confirmation_sent_at keeps people from asking for links faster than one a
-- minute.
-- Every address that exists at the upgrade was set before anyone could be asked to confirm one, and existing
-- installations must go on working: they all count as verified (the DEFAULT below, dropped again so that the
-- application always says what it means).

ALTER TABLE contact_email ADD COLUMN verified BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE contact_email ALTER COLUMN verified DROP DEFAULT;
ALTER TABLE contact_email ADD COLUMN confirmation_nonce VARCHAR(32);
ALTER TABLE contact_email ADD COLUMN confirmation_sent_at TIMESTAMP;
