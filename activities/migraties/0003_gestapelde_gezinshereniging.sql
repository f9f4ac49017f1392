-- 0003 — what the seed 004 reports need: the route of the referent, the legal basis of the
-- application and whether it was granted (also after objection). Backfilled from the stored
-- Aanvraag and status, so registers written under 0001/0002 report correctly.

ALTER TABLE aanvraag
    ADD COLUMN grondslag          text,      -- nareis | artikel_8_evrm
    ADD COLUMN referent_komst     text,      -- asiel | nareis | artikel_8_evrm
    ADD COLUMN nareis_op_nareis   boolean NOT NULL DEFAULT false,
    ADD COLUMN nagereisd_bij_nbm  boolean NOT NULL DEFAULT false,
    ADD COLUMN ingewilligd        boolean NOT NULL DEFAULT false;

UPDATE aanvraag SET
    grondslag = coalesce(aanvraag->>'grondslag', 'nareis'),
    referent_komst = coalesce(
        aanvraag->'referent'->>'komst_via',
        CASE WHEN (aanvraag->'referent'->>'zelf_nagereisd')::boolean THEN 'nareis' ELSE 'asiel' END
    ),
    nagereisd_bij_nbm = coalesce((aanvraag->'referent'->>'nagereisd_bij_nbm')::boolean, false),
    ingewilligd = coalesce(status->'besluit'->>'uitkomst' = 'inwilliging', false)
        OR (coalesce(status->'bezwaar'->>'uitkomst' = 'gegrond', false)
            AND coalesce(status->'besluit'->>'uitkomst' = 'afwijzing', false))
WHERE aanvraag IS NOT NULL;

UPDATE aanvraag SET nareis_op_nareis = (grondslag = 'nareis' AND referent_komst = 'nareis');

CREATE INDEX aanvraag_stapeling ON aanvraag (grondslag, referent_komst, ontvangen_op);
CREATE INDEX aanvraag_broers_zussen_nbm ON aanvraag (ontvangen_op) WHERE nagereisd_bij_nbm;
