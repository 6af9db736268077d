//! A post's analysis as the store keeps it between starts: reading a national board's
//! 100,000 open posts again took most of a start (18 s of one core), reading them back from
//! the store takes a second. An analysis is kept with the fingerprint of the code and data
//! that made it (`core/build.rs`), and used only by the same build: any other reads the post
//! again. The store drops it when the post closes or its text or place changes.
//!
//! Kept as MessagePack with fields in order, not named (`rmp-serde`, already in the tree
//! through matrix-sdk): a fifth of the size of JSON, and only this build reads it back.

use super::Analysis;

/// The fingerprint of this build's reading of posts.
pub const FINGERPRINT: &str = env!("ENTRAIDE_ANALYSIS_FINGERPRINT");

/// An analysis as the store keeps it.
pub fn encode(analysis: &Analysis) -> Vec<u8> {
    // An analysis holds strings, numbers and booleans only: writing it cannot fail.
    rmp_serde::to_vec(analysis).unwrap_or_default()
}

/// An analysis the store kept; `None` when it cannot be read (the post is read again).
pub fn decode(kept: &[u8]) -> Option<Analysis> {
    rmp_serde::from_slice(kept).ok()
}
