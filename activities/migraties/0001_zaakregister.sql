-- 0001 — the case register: one row per application, and its append-only event log.
-- Temporal holds each case's live state; these tables outlive it (issue 7).

-- One row per aanvraag: the case's current projection, overwritten only by a newer one
-- (bijgewerkt_volgnummer never goes backwards; Register.vastleggen).
CREATE TABLE aanvraag (
    aanvraagnummer        text PRIMARY KEY,
    dossiernummer         text,
    workflow_id           text NOT NULL,
    fase                  text,
    referent_vnummer      text,
    referent_status       text,
    relatie               text,
    ontvangen_op          date,
    beslistermijn_einde   date,
    opgeschort            boolean NOT NULL DEFAULT false,
    uitkomst              text,
    besluit_op            date,
    beleid                text,
    aanvraag              jsonb,            -- the Aanvraag as received (CONTRACT.md), stored once
    status                jsonb,            -- the full `status` at bijgewerkt_volgnummer
    bijgewerkt_volgnummer integer NOT NULL DEFAULT 0,
    aangemaakt_om         timestamptz NOT NULL DEFAULT now(),
    bijgewerkt_om         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX aanvraag_dossier ON aanvraag (dossiernummer);
CREATE INDEX aanvraag_referent ON aanvraag (referent_vnummer);
CREATE INDEX aanvraag_fase ON aanvraag (fase);

-- Every state change, update, signal and timer outcome of every case: who, when, why, and
-- under which policy version. Exactly once per (aanvraagnummer, sleutel): the workflow's
-- own entries are keyed by their volgnummer, letters by their brief_id.
CREATE TABLE gebeurtenis (
    id             bigserial PRIMARY KEY,
    aanvraagnummer text NOT NULL,
    workflow_id    text NOT NULL,
    sleutel        text NOT NULL,
    volgnummer     integer NOT NULL,     -- the workflow's sequence number (stable across replays)
    volgorde       smallint NOT NULL DEFAULT 0,  -- 0: the entry itself; 1: an effect of it (a letter)
    op             date NOT NULL,
    gebeurtenis    text NOT NULL,
    door           text,
    toelichting    text,
    gegevens       jsonb NOT NULL DEFAULT '{}'::jsonb,
    beleid         text,
    vastgelegd_om  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT gebeurtenis_eenmaal UNIQUE (aanvraagnummer, sleutel)
);

CREATE INDEX gebeurtenis_tijdlijn ON gebeurtenis (aanvraagnummer, volgnummer, volgorde, id);
