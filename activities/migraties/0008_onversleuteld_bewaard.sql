-- 0008 — values stored without a key (plain mode: NAREIS_REGISTER_KEY and NAREIS_CODEC_KEY
-- unset, client.registerkluis) start with the byte 0x00; a worker with a key encrypts them at
-- start (activities.versleutelen). These indexes find them without reading the tables; the
-- predicates are the ones versleutelen.py queries with.

CREATE INDEX aanvraag_zonder_sleutel ON aanvraag (aanvraagnummer)
    WHERE substring(aanvraag_geheim FROM 1 FOR 1) = '\x00'::bytea
       OR substring(status_geheim FROM 1 FOR 1) = '\x00'::bytea
       OR substring(referent_vnummer_geheim FROM 1 FOR 1) = '\x00'::bytea;
CREATE INDEX gebeurtenis_zonder_sleutel ON gebeurtenis (aanvraagnummer, sleutel)
    WHERE substring(toelichting_geheim FROM 1 FOR 1) = '\x00'::bytea
       OR substring(gegevens_geheim FROM 1 FOR 1) = '\x00'::bytea;
CREATE INDEX brief_zonder_sleutel ON brief (aanvraagnummer, brief_id)
    WHERE substring(onderwerp_geheim FROM 1 FOR 1) = '\x00'::bytea
       OR substring(tekst_geheim FROM 1 FOR 1) = '\x00'::bytea
       OR substring(gegevens_geheim FROM 1 FOR 1) = '\x00'::bytea;
CREATE INDEX verzoek_zonder_sleutel ON verzoek (sleutel)
    WHERE substring(gegevens_geheim FROM 1 FOR 1) = '\x00'::bytea;
