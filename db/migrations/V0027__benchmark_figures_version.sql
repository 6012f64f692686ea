-- Issue 16, ADR 0055: a network's figures version. The comparison (members, their organisations' names, profiles,
-- snapshots and their scores, the network's k) is cached per network and version; every change to what it is computed
-- from moves the version in the same transaction, by these triggers, so the next request after a withdrawal, a new
-- profile, a name choice or a change of k recomputes it. A later path that writes these tables bumps it too: nothing
-- has to remember to.
ALTER TABLE benchmark_networks ADD COLUMN figures_version bigint NOT NULL DEFAULT 0;

-- Once per transaction is enough: the cache only ever sees committed states, and the first bump already tells it that
-- this transaction's state differs. A row this transaction has written already (its xmin is ours: bumped, or inserted
-- with the network itself) is left alone, so a bulk insert of scores does not rewrite the network's row once a statement.
CREATE FUNCTION move_network_figures_versions(networks uuid[]) RETURNS void LANGUAGE sql AS $$
    UPDATE benchmark_networks SET figures_version = figures_version + 1
    WHERE id = ANY (networks) AND xmin <> pg_current_xact_id()::xid;
$$;

-- Rows that carry their network: members (join, leave, name choice) and snapshots (publish, withdraw).
CREATE FUNCTION bump_network_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_network_figures_versions(ARRAY(SELECT DISTINCT changed_rows.network_id FROM changed_rows));
    RETURN NULL;
END $$;

CREATE TRIGGER benchmark_members_inserted AFTER INSERT ON benchmark_members REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures();
CREATE TRIGGER benchmark_members_updated AFTER UPDATE ON benchmark_members REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures();
CREATE TRIGGER benchmark_members_deleted AFTER DELETE ON benchmark_members REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures();
CREATE TRIGGER benchmark_snapshots_inserted AFTER INSERT ON benchmark_snapshots REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures();
CREATE TRIGGER benchmark_snapshots_updated AFTER UPDATE ON benchmark_snapshots REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures();
CREATE TRIGGER benchmark_snapshots_deleted AFTER DELETE ON benchmark_snapshots REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures();

-- A snapshot's scores: through their snapshot (a score deleted with its snapshot is covered by the snapshot's own trigger).
CREATE FUNCTION bump_network_figures_of_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_network_figures_versions(ARRAY(SELECT DISTINCT s.network_id FROM changed_rows JOIN benchmark_snapshots s ON s.id = changed_rows.snapshot_id));
    RETURN NULL;
END $$;

CREATE TRIGGER benchmark_snapshot_scores_inserted AFTER INSERT ON benchmark_snapshot_scores REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures_of_scores();
CREATE TRIGGER benchmark_snapshot_scores_updated AFTER UPDATE ON benchmark_snapshot_scores REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures_of_scores();
CREATE TRIGGER benchmark_snapshot_scores_deleted AFTER DELETE ON benchmark_snapshot_scores REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures_of_scores();

-- Rows of an organisation, shown in every network it is a member of: its city profile, and its name.
CREATE FUNCTION bump_network_figures_of_organisations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_network_figures_versions(ARRAY(SELECT DISTINCT m.network_id FROM benchmark_members m JOIN changed_rows ON changed_rows.organisation_id = m.organisation_id));
    RETURN NULL;
END $$;

CREATE TRIGGER city_profiles_inserted AFTER INSERT ON city_profiles REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures_of_organisations();
CREATE TRIGGER city_profiles_updated AFTER UPDATE ON city_profiles REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures_of_organisations();
CREATE TRIGGER city_profiles_deleted AFTER DELETE ON city_profiles REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bump_network_figures_of_organisations();

CREATE FUNCTION bump_network_figures_of_renamed_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM move_network_figures_versions(ARRAY(SELECT m.network_id FROM benchmark_members m WHERE m.organisation_id = NEW.id));
    RETURN NULL;
END $$;

CREATE TRIGGER organisations_renamed AFTER UPDATE OF name ON organisations
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION bump_network_figures_of_renamed_organisation();

-- The network's own row (k, name, the demo mark): any change but the version's own moves it.
CREATE FUNCTION bump_network_figures_of_network() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.figures_version = OLD.figures_version THEN
        NEW.figures_version := OLD.figures_version + 1;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER benchmark_networks_changed BEFORE UPDATE ON benchmark_networks
    FOR EACH ROW EXECUTE FUNCTION bump_network_figures_of_network();
