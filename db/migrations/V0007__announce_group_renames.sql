-- A stakeholder group's name shows on the phones in the assessment's live workshops ("You: Ana · Citizens"). A rename
-- is announced to those workshops like any change of the room, so every instance reads the room again (ADR 0014).
CREATE FUNCTION notify_groups_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed uuid;
BEGIN
    FOR changed IN
        SELECT DISTINCT w.id
        FROM changed_rows g
        JOIN workshops w ON w.assessment_id = g.assessment_id
        WHERE w.status <> 'ended'
    LOOP
        PERFORM pg_notify('citymaturity_events', 'workshop:' || changed || ':state');
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER stakeholder_groups_renamed_notify AFTER UPDATE ON stakeholder_groups REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION notify_groups_renamed();
