//! `entraide-core`: every rule of Entraide, with no platform and no SQL.
//!
//! - [`model`]: domain types; [`command`]: the command language every adapter shares;
//! - [`rules`]: the rules as plain functions; [`matching`]: which offers fit which requests;
//! - [`service`]: the entry point adapters call, wiring rules to the ports; [`settings`]: a
//!   community's settings; [`stats`]: the community's statistics;
//! - [`ports`]: the traits for storage, sending, time and randomness; [`memory`]: an
//!   in-memory store; [`outbox`]: delivery of what the rules enqueued;
//! - [`parts`]: messages cut to each platform's size limit;
//! - [`catalog`]: every user-facing string, French and English; [`code`]: invitation codes;
//! - [`place`]: what a place may be (never an address); [`identity`]: names and account ids.

pub mod calendar;
pub mod catalog;
pub mod chart;
pub mod code;
pub mod command;
#[cfg(any(test, feature = "test-support"))]
pub mod conformance;
pub mod connection;
pub mod dashboard;
pub mod diagnosis;
pub mod identity;
pub mod import;
pub mod invisible;
pub mod lease;
pub mod matching;
pub mod memory;
pub mod metrics;
pub mod model;
pub mod outbox;
pub mod parts;
pub mod place;
pub mod ports;
pub mod refusal;
pub mod rules;
pub mod service;
pub mod settings;
pub mod stats;
