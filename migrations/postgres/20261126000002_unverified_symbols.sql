-- Assets added while the exchange could not be reached and no catalogue
-- was kept: stored all the same, checked when the exchange answers.
CREATE TABLE unverified_symbols (
    id          BIGSERIAL PRIMARY KEY,
    symbol      VARCHAR(15) NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
