-- Alert rules (see the PostgreSQL migration of the same name). SQLite
-- cannot change a CHECK constraint, so price_alerts is rebuilt. Dropping
-- the old table runs alert_history's ON DELETE SET NULL (migrations run in
-- a transaction, where foreign keys cannot be switched off), so each
-- fire's alert is kept aside and put back.
CREATE TEMP TABLE alert_history_links AS
    SELECT id, alert_id FROM alert_history WHERE alert_id IS NOT NULL;
CREATE TABLE price_alerts_new (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol           TEXT    NOT NULL,
    alert_type       TEXT    NOT NULL CHECK (alert_type IN ('above', 'below', 'crosses',
                         'crosses-up', 'crosses-down', 'enters', 'exits', 'moves-up', 'moves-down')),
    threshold_price  TEXT    NOT NULL,
    message          TEXT,
    is_active        BOOLEAN NOT NULL DEFAULT 1,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    upper_price      TEXT,
    within_secs      INTEGER CHECK (within_secs > 0),
    repeat           TEXT    NOT NULL DEFAULT 'once' CHECK (repeat IN ('once', 'every')),
    rearm_band       TEXT    NOT NULL DEFAULT '0',
    cooldown_secs    INTEGER CHECK (cooldown_secs > 0),
    expires_at       TEXT,
    last_fired_ms    INTEGER,
    rule_state       TEXT,
    snoozed_until    TEXT
);
INSERT INTO price_alerts_new (id, symbol, alert_type, threshold_price, message, is_active, created_at, updated_at)
    SELECT id, symbol, alert_type, threshold_price, message, is_active, created_at, updated_at
    FROM price_alerts;
DROP TABLE price_alerts;
ALTER TABLE price_alerts_new RENAME TO price_alerts;
UPDATE alert_history
    SET alert_id = (SELECT l.alert_id FROM alert_history_links l WHERE l.id = alert_history.id)
    WHERE id IN (SELECT id FROM alert_history_links);
DROP TABLE alert_history_links;
CREATE INDEX idx_price_alerts_active ON price_alerts (is_active, symbol);

-- Bumped by every change to a rule (not by its evaluation state), so a
-- running engine sees another process's edits with one cheap read.
CREATE TABLE alert_rules_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
);
INSERT INTO alert_rules_version (id, version) VALUES (1, 0);
CREATE TRIGGER price_alerts_inserted AFTER INSERT ON price_alerts
    BEGIN UPDATE alert_rules_version SET version = version + 1; END;
CREATE TRIGGER price_alerts_deleted AFTER DELETE ON price_alerts
    BEGIN UPDATE alert_rules_version SET version = version + 1; END;
CREATE TRIGGER price_alerts_updated AFTER UPDATE OF symbol, alert_type, threshold_price,
    message, is_active, upper_price, within_secs, repeat, rearm_band, cooldown_secs,
    expires_at, last_fired_ms, snoozed_until ON price_alerts
    BEGIN UPDATE alert_rules_version SET version = version + 1; END;

-- The rule in words when it fired (`enters 90000–95000`).
ALTER TABLE alert_history ADD COLUMN rule_text TEXT;

-- Alerts paused (all of them) until then: the tray's pause and
-- `alerts pause`, seen by every process.
CREATE TABLE alert_pause (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    paused_until  TEXT
);
