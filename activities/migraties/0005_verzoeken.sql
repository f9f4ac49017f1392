-- 0005 — requests to other parties (the ports of activities/poorten.py): the mission abroad
-- (mvv issue), screening, the DNA lab and interview planning. The local implementation of
-- each port records its requests here for a person to act on; exactly once per step key.

CREATE TABLE verzoek (
    sleutel        text PRIMARY KEY,     -- the workflow's step key: retries and replays add nothing
    aanvraagnummer text NOT NULL,
    partij         text NOT NULL,        -- zendingspost | screening | onderzoek
    soort          text NOT NULL,        -- mvv_afgifte | screening | dna | gehoor
    op             date NOT NULL,
    gegevens       jsonb NOT NULL DEFAULT '{}'::jsonb,
    vastgelegd_om  timestamptz NOT NULL DEFAULT now(),
    afgehandeld_om timestamptz
);

CREATE INDEX verzoek_open ON verzoek (partij, op) WHERE afgehandeld_om IS NULL;
CREATE INDEX verzoek_aanvraag ON verzoek (aanvraagnummer);
