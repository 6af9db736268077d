//! End-to-end tests: the store suite on SQLite and PostgreSQL, console transcripts on the
//! wired service, and the real `entraide` binary (restart, scripts, bad config, matching).
//! One test binary on purpose: CI links it once.
//!
//! PostgreSQL tests need `ENTRAIDE_TEST_POSTGRES_URL` (an account allowed to create
//! databases), Matrix tests `ENTRAIDE_TEST_MATRIX_URL` (a Synapse with open registration),
//! browser tests `ENTRAIDE_TEST_WEBDRIVER_URL` (a ChromeDriver) and `ENTRAIDE_TEST_AXE_JS`;
//! `tests/with-servers.sh` starts them all and sets these. They fail, never skip, when missing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adoption;
mod binary;
mod browser;
mod crash;
mod credits;
mod dashboard;
mod dashboard_pages;
mod declines;
mod delivery;
mod discord;
mod discord_catch_up;
mod failover;
mod failover_discord;
mod fake_discord;
mod fake_telegram;
mod helper_load;
mod import;
mod joins;
mod leases;
mod matching;
mod matrix;
mod mentoring;
mod moderation;
mod operations;
mod privacy;
mod sponsorship;
mod storage_faults;
mod stores;
mod support;
mod telegram;
mod transcripts;
