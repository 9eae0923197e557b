//! Cryptodesk's domain and pure engines.
//!
//! This crate owns the money rules (every amount, price and P&L is a
//! [`rust_decimal::Decimal`] that fits `DECIMAL(20,8)`), input validation, the
//! portfolio valuation, the price-alert engine, the technical indicators and
//! the backtester. It performs no I/O and needs no async runtime: callers hand
//! it parsed values (or bytes, for CSV) and get values back.

pub mod alerts;
pub mod backtest;
pub mod candles;
pub mod domain;
pub mod fx;
pub mod imports;
pub mod indicators;
pub mod lots;
pub mod money;
pub mod portfolio;
pub mod rule_input;
pub mod rules;
pub mod sales;
pub mod summary;

pub use domain::*;
pub use money::{Currency, Symbol, ValidationError};
pub use sales::{NewSale, Sale, SaleId, SaleInput};
