-- 0004 — the event log and the letters are append-only: a row, once written, is the record.
-- (Corrections are new events, never edits.) TRUNCATE stays possible for the test suite.

CREATE FUNCTION register_alleen_toevoegen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'het zaakregister is alleen-toevoegen: % op % is niet toegestaan',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER gebeurtenis_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON gebeurtenis
    FOR EACH ROW EXECUTE FUNCTION register_alleen_toevoegen();

CREATE TRIGGER brief_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON brief
    FOR EACH ROW EXECUTE FUNCTION register_alleen_toevoegen();
