-- 0006 — personal data encrypted at rest (issue 15 item 13; nareis.register.VERSLEUTELD).
-- Each personal column gets a `<kolom>_geheim` (AES-256-GCM, NAREIS_REGISTER_KEY); the plain
-- column stays for rows written before this version, and is emptied when the worker encrypts
-- them at start (activities.versleutelen). Names and V-numbers get keyed hashes for lookup.

ALTER TABLE aanvraag
    ADD COLUMN aanvraag_geheim         bytea,
    ADD COLUMN status_geheim           bytea,
    ADD COLUMN referent_vnummer_geheim bytea,
    ADD COLUMN zoek_naam               bytea,   -- HMAC of the family member's normalised name
    ADD COLUMN zoek_vnummer            bytea,   -- HMAC of the family member's V-number
    ADD COLUMN zoek_referent           bytea;   -- HMAC of the referent's V-number

DROP INDEX aanvraag_referent;
CREATE INDEX aanvraag_zoek_naam ON aanvraag (zoek_naam);
CREATE INDEX aanvraag_zoek_vnummer ON aanvraag (zoek_vnummer);
CREATE INDEX aanvraag_zoek_referent ON aanvraag (zoek_referent);

ALTER TABLE gebeurtenis
    ADD COLUMN toelichting_geheim bytea,
    ADD COLUMN gegevens_geheim    bytea,
    ALTER COLUMN gegevens DROP NOT NULL,
    ALTER COLUMN gegevens DROP DEFAULT;

ALTER TABLE brief
    ADD COLUMN onderwerp_geheim bytea,
    ADD COLUMN tekst_geheim     bytea,
    ADD COLUMN gegevens_geheim  bytea,
    ALTER COLUMN onderwerp DROP NOT NULL,
    ALTER COLUMN tekst DROP NOT NULL,
    ALTER COLUMN gegevens DROP NOT NULL,
    ALTER COLUMN gegevens DROP DEFAULT;

ALTER TABLE verzoek
    ADD COLUMN gegevens_geheim bytea,
    ALTER COLUMN gegevens DROP NOT NULL,
    ALTER COLUMN gegevens DROP DEFAULT;

-- the rows still in plain text: found at every worker start without reading the tables
CREATE INDEX aanvraag_onversleuteld ON aanvraag (aanvraagnummer)
    WHERE aanvraag IS NOT NULL OR status IS NOT NULL OR referent_vnummer IS NOT NULL;
CREATE INDEX gebeurtenis_onversleuteld ON gebeurtenis (id)
    WHERE toelichting IS NOT NULL OR gegevens IS NOT NULL;
CREATE INDEX brief_onversleuteld ON brief (aanvraagnummer, brief_id)
    WHERE onderwerp IS NOT NULL OR tekst IS NOT NULL OR gegevens IS NOT NULL;
CREATE INDEX verzoek_onversleuteld ON verzoek (sleutel) WHERE gegevens IS NOT NULL;
