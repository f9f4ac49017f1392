-- 0002 — letters: what was sent to whom, when, in which words (issue 7 §3).
-- Exactly once per (aanvraagnummer, brief_id); the first rendering is the one sent.

CREATE TABLE brief (
    aanvraagnummer text NOT NULL,
    brief_id       text NOT NULL,
    soort          text NOT NULL,        -- ontvangstbevestiging, herstel_verzuim, beschikking, ...
    op             date NOT NULL,        -- the letter's date
    volgnummer     integer NOT NULL,     -- the timeline entry it belongs to
    onderwerp      text NOT NULL,
    tekst          text NOT NULL,
    sjabloon       text NOT NULL,        -- template name and its sha256, to show what produced it
    gegevens       jsonb NOT NULL DEFAULT '{}'::jsonb,
    vastgelegd_om  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (aanvraagnummer, brief_id)
);

CREATE INDEX brief_soort ON brief (soort, op);
