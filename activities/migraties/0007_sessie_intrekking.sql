-- 0007 — signed-out sessions of the screens, shared by every API process (issue 15 item 9;
-- client/intrekkingen.py): the sha256 of a session id until it would have expired.

CREATE TABLE sessie_intrekking (
    sid      text PRIMARY KEY,
    verloopt timestamptz NOT NULL
);

CREATE INDEX sessie_intrekking_verloopt ON sessie_intrekking (verloopt);
