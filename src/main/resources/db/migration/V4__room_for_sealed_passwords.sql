-- V4: room for every password the Email page accepts. A password of up to 256 characters (MailPassword), sealed
-- with its field bound to it (SecretBox, v2:), takes up to 1067 characters when every character is three UTF-8
-- bytes; the columns held 1024. SET DATA TYPE reads the same on H2 and PostgreSQL and keeps the values.

ALTER TABLE mail_settings ALTER COLUMN smtp_password_sealed SET DATA TYPE VARCHAR(2048);
ALTER TABLE mail_settings ALTER COLUMN imap_password_sealed SET DATA TYPE VARCHAR(2048);
