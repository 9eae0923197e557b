//! The portfolio as a service: buys and sells stored with the rates of
//! their dates, checked so no sale ever sells more than was held, and
//! valued in USD, EUR and CZK under a cost-basis method.

use crate::{App, ServiceError};
use chrono::{NaiveDate, Utc};
use cryptodesk_core::fx::{DatedRates, FxOverrides, FxRates, Money3};
use cryptodesk_core::lots::{self, Ledger, Method, Oversold, Trade};
use cryptodesk_core::portfolio::{self, HoldingLot, Market, Summary, Transaction, Valuation};
use cryptodesk_core::{
    Currency, Holding, HoldingId, HoldingInput, NewHolding, Sale, SaleId, SaleInput,
    ValidationError,
};
use cryptodesk_store::PurchasePrices;
use std::collections::{BTreeMap, BTreeSet};
use tracing::instrument;

/// Placeholder rates for a trade whose date has none; its EUR and CZK
/// figures are reported unknown.
const UNKNOWN: FxRates = FxRates {
    eur: rust_decimal::Decimal::ONE,
    czk: rust_decimal::Decimal::ONE,
};

/// The day a buy counts from: its purchase date, else the day it was added.
fn buy_date(h: &Holding) -> NaiveDate {
    h.purchase_date.unwrap_or_else(|| h.created_at.date_naive())
}

fn overrides(
    eur: Option<rust_decimal::Decimal>,
    czk: Option<rust_decimal::Decimal>,
) -> FxOverrides {
    FxOverrides { eur, czk }
}

/// A transaction's rates: its date's, with the user's own where given;
/// unknown when its date has none and the user gave not both.
pub(crate) fn trade_rates(dated: Option<&DatedRates>, own: FxOverrides) -> Option<FxRates> {
    match (dated, own) {
        (Some(d), own) => Some(d.rates.with(&own)),
        (
            None,
            FxOverrides {
                eur: Some(eur),
                czk: Some(czk),
            },
        ) => Some(FxRates { eur, czk }),
        (None, _) => None,
    }
}

/// A buy for an amounts-only check (rates do not matter).
pub(crate) fn amount_trade_buy(h: &Holding) -> Trade {
    buy_trade(h, None)
}

/// A sale for an amounts-only check.
pub(crate) fn amount_trade_sell(s: &Sale) -> Trade {
    sell_trade(s, None)
}

fn buy_trade(h: &Holding, rates: Option<FxRates>) -> Trade {
    Trade {
        id: h.id.0,
        symbol: h.symbol.clone(),
        amount: h.amount,
        price: h.price_buy,
        currency: h.base_currency,
        date: buy_date(h),
        commission: h.commission,
        rates: rates.unwrap_or(UNKNOWN),
    }
}

fn sell_trade(s: &Sale, rates: Option<FxRates>) -> Trade {
    Trade {
        id: s.id.0,
        symbol: s.symbol.clone(),
        amount: s.amount,
        price: s.price,
        currency: s.currency,
        date: s.sell_date,
        commission: s.commission,
        rates: rates.unwrap_or(UNKNOWN),
    }
}

/// The refusal of a change that would oversell, naming the field.
fn oversold(o: &Oversold, sells: &[Trade], change: &str) -> ValidationError {
    let s = &sells[o.sell];
    let what = format!("the sale of {} {} on {}", s.amount, s.symbol, s.date);
    let rule = if o.field == "date" {
        format!(
            "{change}: {what} would come before any {} was bought",
            s.symbol
        )
    } else {
        format!(
            "{change}: {what} would sell more than the {} {} held then",
            o.held.normalize(),
            s.symbol
        )
    };
    ValidationError::new(o.field, rule)
}

/// Everything the ledger needs, read once.
struct Book {
    holdings: Vec<Holding>,
    sales: Vec<Sale>,
    rates: BTreeMap<NaiveDate, DatedRates>,
}

impl Book {
    fn buys(&self) -> Vec<Trade> {
        self.holdings
            .iter()
            .map(|h| {
                let own = overrides(h.fx_rate_eur, h.fx_rate_czk);
                buy_trade(h, trade_rates(self.rates.get(&buy_date(h)), own))
            })
            .collect()
    }

    fn sells(&self) -> Vec<Trade> {
        self.sales
            .iter()
            .map(|s| {
                let own = overrides(s.fx_rate_eur, s.fx_rate_czk);
                sell_trade(s, trade_rates(self.rates.get(&s.sell_date), own))
            })
            .collect()
    }

    fn known(
        &self,
        date: NaiveDate,
        eur: Option<rust_decimal::Decimal>,
        czk: Option<rust_decimal::Decimal>,
    ) -> Option<DatedRates> {
        let own = overrides(eur, czk);
        match self.rates.get(&date) {
            Some(d) => Some(DatedRates {
                rates: d.rates.with(&own),
                ..*d
            }),
            None => trade_rates(None, own).map(|rates| DatedRates {
                date,
                published: date,
                rates,
                provisional: false,
            }),
        }
    }
}

impl App {
    /// The cost-basis method in use (the setting).
    pub fn cost_basis(&self) -> Method {
        self.config().cost_basis
    }

    async fn book(&self, fetch: bool) -> Result<Book, ServiceError> {
        let holdings = self.store_db(|s| s.list_holdings()).await?;
        let sales = self.store_db(|s| s.list_sales()).await?;
        let dates: Vec<NaiveDate> = holdings
            .iter()
            .map(buy_date)
            .chain(sales.iter().map(|s| s.sell_date))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let rates = self.rates_for(&dates, fetch).await?;
        Ok(Book {
            holdings,
            sales,
            rates,
        })
    }

    /// Checks that the amounts of `holdings` and `sales` never sell more
    /// than is held, naming `change` in the refusal.
    fn check_amounts(
        holdings: &[Holding],
        sales: &[Sale],
        change: &str,
    ) -> Result<(), ServiceError> {
        let buys: Vec<Trade> = holdings.iter().map(|h| buy_trade(h, None)).collect();
        let sells: Vec<Trade> = sales.iter().map(|s| sell_trade(s, None)).collect();
        lots::run(&buys, &sells, Method::Fifo)
            .map(drop)
            .map_err(|o| oversold(&o, &sells, change).into())
    }

    /// The purchase prices in EUR and CZK for a new buy, from its date's
    /// rates (fetched now if need be) and the rates the user paid.
    async fn purchase_prices(
        &self,
        new: &NewHolding,
    ) -> Result<Option<PurchasePrices>, ServiceError> {
        let date = new.purchase_date.unwrap_or_else(|| Utc::now().date_naive());
        let dated = match self.rates_on(date).await {
            Ok(r) => Some(r),
            Err(e @ ServiceError::NoRates { .. }) => {
                // Without any rate, only a USD buy (or one whose rates the
                // user gave) can be valued at all.
                if new.base_currency != Currency::Usd
                    && !(new.fx.eur.is_some() && new.fx.czk.is_some())
                {
                    return Err(e);
                }
                None
            }
            Err(e) => return Err(e),
        };
        Ok(trade_rates(dated.as_ref(), new.fx).map(|r| PurchasePrices {
            eur: r.convert(new.price_buy, new.base_currency, Currency::Eur),
            czk: r.convert(new.price_buy, new.base_currency, Currency::Czk),
        }))
    }

    /// Validates, checks the asset on the exchange, and stores a buy with
    /// its purchase prices in EUR and CZK at its date's rates.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn add_holding(&self, input: HoldingInput) -> Result<Holding, ServiceError> {
        let new = input.validate(Utc::now().date_naive())?;
        self.verify_symbol(&new.symbol).await?;
        let prices = self.purchase_prices(&new).await?;
        let h = self.store_db(|s| s.add_holding(&new, prices)).await?;
        self.push_portfolio().await;
        Ok(h)
    }

    /// Validates and replaces buy `id` (`created_at` stays), refusing an
    /// edit that would leave a later sale selling more than was held.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn update_holding(
        &self,
        id: HoldingId,
        input: HoldingInput,
    ) -> Result<Holding, ServiceError> {
        let new = input.validate(Utc::now().date_naive())?;
        self.verify_symbol(&new.symbol).await?;
        let mut holdings = self.store_db(|s| s.list_holdings()).await?;
        let sales = self.store_db(|s| s.list_sales()).await?;
        if let Some(h) = holdings.iter_mut().find(|h| h.id == id) {
            h.symbol = new.symbol.clone();
            h.amount = new.amount;
            h.purchase_date = new.purchase_date.or(Some(h.created_at.date_naive()));
            Self::check_amounts(&holdings, &sales, &format!("editing holding {id}"))?;
        }
        let prices = self.purchase_prices(&new).await?;
        let h = self
            .store_db(|s| s.update_holding(id, &new, prices))
            .await?;
        self.push_portfolio().await;
        Ok(h)
    }

    /// Deletes buy `id`, unless a later sale would then sell more than was held.
    pub async fn remove_holding(&self, id: HoldingId) -> Result<(), ServiceError> {
        let mut holdings = self.store_db(|s| s.list_holdings()).await?;
        let sales = self.store_db(|s| s.list_sales()).await?;
        holdings.retain(|h| h.id != id);
        Self::check_amounts(&holdings, &sales, &format!("removing holding {id}"))?;
        self.store_db(|s| s.remove_holding(id)).await?;
        self.push_portfolio().await;
        Ok(())
    }

    /// Validates and stores a sale; refuses one that sells more than was
    /// held at its date (or makes a later sale do so), storing nothing.
    #[instrument(skip(self), err(level = "debug"))]
    pub async fn sell(&self, input: SaleInput) -> Result<Sale, ServiceError> {
        let new = input.validate(Utc::now().date_naive())?;
        let holdings = self.store_db(|s| s.list_holdings()).await?;
        let mut sales = self.store_db(|s| s.list_sales()).await?;
        sales.push(Sale {
            id: SaleId(i64::MAX),
            symbol: new.symbol.clone(),
            amount: new.amount,
            price: new.price,
            currency: new.currency,
            sell_date: new.date,
            commission: new.commission,
            source: None,
            fx_rate_eur: None,
            fx_rate_czk: None,
            import_key: None,
            created_at: Utc::now(),
        });
        Self::check_amounts(&holdings, &sales, "selling")?;
        if let Err(e @ ServiceError::NoRates { .. }) = self.rates_on(new.date).await {
            if new.currency != Currency::Usd && !(new.fx.eur.is_some() && new.fx.czk.is_some()) {
                return Err(e);
            }
        }
        let sale = self.store_db(|s| s.add_sale(&new)).await?;
        self.push_portfolio().await;
        Ok(sale)
    }

    /// Deletes sale `id`.
    pub async fn remove_sale(&self, id: SaleId) -> Result<(), ServiceError> {
        self.store_db(|s| s.remove_sale(id)).await?;
        self.push_portfolio().await;
        Ok(())
    }

    fn ledger(
        book: &Book,
        method: Method,
    ) -> Result<(Vec<Trade>, Vec<Trade>, Ledger), ServiceError> {
        let buys = book.buys();
        let sells = book.sells();
        let ledger = lots::run(&buys, &sells, method).map_err(|o| {
            ServiceError::Validation(oversold(
                &o,
                &sells,
                "the stored transactions are inconsistent",
            ))
        })?;
        Ok((buys, sells, ledger))
    }

    async fn market_now(&self, symbols: &[String], fetch: bool) -> Result<Market, ServiceError> {
        Ok(Market {
            prices: self.prices_of(symbols, fetch).await,
            opens: self.day_opens(),
            rates: self.rates_now(fetch).await?,
        })
    }

    /// Every buy valued at the latest prices and rates under the method in
    /// use. Missing prices and rates are asked for when `fetch_missing`;
    /// offline, what is known is used (rates marked stale).
    pub async fn portfolio(&self, fetch_missing: bool) -> Result<Valuation, ServiceError> {
        self.portfolio_with(self.cost_basis(), fetch_missing).await
    }

    /// Like [`App::portfolio`] under `method`.
    pub async fn portfolio_with(
        &self,
        method: Method,
        fetch_missing: bool,
    ) -> Result<Valuation, ServiceError> {
        let book = self.book(fetch_missing).await?;
        let (_, _, ledger) = Self::ledger(&book, method)?;
        let symbols = symbols_of(&book);
        let market = self.market_now(&symbols, fetch_missing).await?;
        let rows = book
            .holdings
            .iter()
            .zip(ledger.lots)
            .map(|(h, lot)| HoldingLot {
                rates: book.known(buy_date(h), h.fx_rate_eur, h.fx_rate_czk),
                holding: h.clone(),
                lot,
            })
            .collect();
        Ok(portfolio::value(rows, &market, method))
    }

    /// Per asset and in total: amount held, cost of it, value, unrealized
    /// and realized P&L in USD, EUR and CZK, under `method` (the setting
    /// when none).
    pub async fn portfolio_summary(&self, method: Option<Method>) -> Result<Summary, ServiceError> {
        let method = method.unwrap_or(self.cost_basis());
        let book = self.book(true).await?;
        let (buys, sells, ledger) = Self::ledger(&book, method)?;
        let market = self.market_now(&symbols_of(&book), true).await?;
        // Assets with a trade whose rates are unknown: their EUR and CZK
        // figures are unknown, and their USD ones too if that trade was
        // not in USD.
        let mut unknown: BTreeMap<_, bool> = BTreeMap::new();
        let dated = |d, e, c| book.known(d, e, c).is_some();
        let trades = buys
            .iter()
            .zip(
                book.holdings
                    .iter()
                    .map(|h| dated(buy_date(h), h.fx_rate_eur, h.fx_rate_czk)),
            )
            .chain(
                sells.iter().zip(
                    book.sales
                        .iter()
                        .map(|s| dated(s.sell_date, s.fx_rate_eur, s.fx_rate_czk)),
                ),
            );
        for (t, known) in trades {
            if !known {
                *unknown.entry(t.symbol.clone()).or_default() |= t.currency != Currency::Usd;
            }
        }
        Ok(portfolio::summarize(&ledger, &market, method, &unknown))
    }

    /// Every buy and sale in the order they apply, with the rates used and,
    /// for sales, the P&L realised under the method in use.
    pub async fn transactions(&self) -> Result<Vec<Transaction>, ServiceError> {
        self.transactions_with(true).await
    }

    /// [`App::transactions`], asking for missing rates only when `fetch`.
    pub(crate) async fn transactions_with(
        &self,
        fetch: bool,
    ) -> Result<Vec<Transaction>, ServiceError> {
        let method = self.cost_basis();
        let book = self.book(fetch).await?;
        let (_, _, ledger) = Self::ledger(&book, method)?;
        let mut out: Vec<Transaction> = book
            .holdings
            .iter()
            .map(|h| {
                Transaction::buy(
                    h,
                    buy_date(h),
                    book.known(buy_date(h), h.fx_rate_eur, h.fx_rate_czk),
                )
            })
            .chain(book.sales.iter().zip(&ledger.sales).map(|(s, r)| {
                let rates = book.known(s.sell_date, s.fx_rate_eur, s.fx_rate_czk);
                let realized: Option<Money3> = rates.map(|_| r.pnl);
                Transaction::sell(s, rates, realized)
            }))
            .collect();
        out.sort_by_key(|t| (t.date, t.kind, t.id));
        Ok(out)
    }
}

fn symbols_of(book: &Book) -> Vec<String> {
    book.holdings
        .iter()
        .map(|h| h.symbol.to_string())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}
