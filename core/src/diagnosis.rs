//! What `entraide doctor` finds, check by check. Adapters check their platform and say what
//! they found as a catalog key and its arguments; the binary words it in the operator's
//! language, with the fix, and never with a secret.

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// All is well.
    Fine,
    /// Works, but something is missing (a feature will not work, or a step is due).
    Warning,
    /// The bot cannot run, or cannot do its job, until this is fixed.
    Blocking,
}

/// One check's result: the catalog message saying what was found and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How much it matters.
    pub severity: Severity,
    /// The catalog key (`doctor-…`).
    pub key: &'static str,
    /// The message's arguments: ids, counts, a platform's own error text (never a secret).
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    /// A finding with no arguments yet.
    pub fn new(severity: Severity, key: &'static str) -> Self {
        Self { severity, key, args: Vec::new() }
    }

    /// Adds an argument.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}
