-- A counter per assessment that moves whenever anything its scores are computed from changes: ratings,
-- participants, stakeholder groups, targets. Summaries are cached against it (AssessmentSummaryService),
-- which stays correct across app instances and whatever path writes the data. Statement-level triggers
-- with transition tables: an import of thousands of ratings bumps the counter once, not once per row.

CREATE TABLE assessment_data_versions (
    assessment_id uuid   PRIMARY KEY REFERENCES assessments (id) ON DELETE CASCADE,
    version       bigint NOT NULL
);

CREATE FUNCTION bump_assessment_data_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO assessment_data_versions AS v (assessment_id, version)
    SELECT DISTINCT changed_rows.assessment_id, 1
    FROM changed_rows
    JOIN assessments a ON a.id = changed_rows.assessment_id
    ON CONFLICT (assessment_id) DO UPDATE SET version = v.version + 1;
    RETURN NULL;
END $$;

CREATE TRIGGER ratings_inserted AFTER INSERT ON ratings REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER ratings_updated AFTER UPDATE ON ratings REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER ratings_deleted AFTER DELETE ON ratings REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();

CREATE TRIGGER participants_inserted AFTER INSERT ON participants REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER participants_updated AFTER UPDATE ON participants REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER participants_deleted AFTER DELETE ON participants REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();

CREATE TRIGGER stakeholder_groups_inserted AFTER INSERT ON stakeholder_groups REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER stakeholder_groups_updated AFTER UPDATE ON stakeholder_groups REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER stakeholder_groups_deleted AFTER DELETE ON stakeholder_groups REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();

CREATE TRIGGER assessment_targets_inserted AFTER INSERT ON assessment_targets REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER assessment_targets_updated AFTER UPDATE ON assessment_targets REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
CREATE TRIGGER assessment_targets_deleted AFTER DELETE ON assessment_targets REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_assessment_data_versions();
