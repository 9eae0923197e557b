-- Assets added while the exchange could not be reached and no catalogue
-- was kept: stored all the same, checked when the exchange answers.
CREATE TABLE unverified_symbols (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol      TEXT    NOT NULL UNIQUE,
    created_at  TEXT    NOT NULL
);
