-- Alert rules: every kind of the rule engine, with its parameters, its
-- frequency and expiry, the time of its last fire (claimed by
-- compare-and-set, so two collectors never both fire it) and the state
-- the next tick needs (armed, previous price, the move window) as JSON.
ALTER TABLE price_alerts DROP CONSTRAINT IF EXISTS price_alerts_alert_type_check;
ALTER TABLE price_alerts ALTER COLUMN alert_type TYPE VARCHAR(20);
ALTER TABLE alert_history ALTER COLUMN alert_type TYPE VARCHAR(20);
-- The rule in words when it fired (`enters 90000–95000`).
ALTER TABLE alert_history ADD COLUMN rule_text VARCHAR(200);
ALTER TABLE price_alerts ADD CONSTRAINT price_alerts_alert_type_check CHECK (alert_type IN
    ('above', 'below', 'crosses', 'crosses-up', 'crosses-down', 'enters', 'exits',
     'moves-up', 'moves-down'));
ALTER TABLE price_alerts
    ADD COLUMN upper_price    DECIMAL(20, 8),
    ADD COLUMN within_secs    BIGINT CHECK (within_secs > 0),
    ADD COLUMN repeat         VARCHAR(5) NOT NULL DEFAULT 'once' CHECK (repeat IN ('once', 'every')),
    ADD COLUMN rearm_band     DECIMAL(20, 8) NOT NULL DEFAULT 0,
    ADD COLUMN cooldown_secs  BIGINT CHECK (cooldown_secs > 0),
    ADD COLUMN expires_at     TIMESTAMPTZ,
    ADD COLUMN last_fired_ms  BIGINT,
    ADD COLUMN rule_state     TEXT,
    ADD COLUMN snoozed_until  TIMESTAMPTZ;

-- Bumped by every change to a rule (not by its evaluation state), so a
-- running engine sees another process's edits with one cheap read.
CREATE TABLE alert_rules_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO alert_rules_version (id, version) VALUES (1, 0);
CREATE FUNCTION bump_alert_rules_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE alert_rules_version SET version = version + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER price_alerts_changed
    AFTER INSERT OR DELETE OR UPDATE OF symbol, alert_type, threshold_price, message, is_active,
        upper_price, within_secs, repeat, rearm_band, cooldown_secs, expires_at, last_fired_ms,
        snoozed_until
    ON price_alerts FOR EACH STATEMENT EXECUTE FUNCTION bump_alert_rules_version();

-- Alerts paused (all of them) until then: the tray's pause and
-- `alerts pause`, seen by every process.
CREATE TABLE alert_pause (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    paused_until  TIMESTAMPTZ
);
