//! Subcommands that print to stdout. Each returns text so tests can check
//! it without spawning the binary.

pub mod carry;
pub mod config;
pub mod dispatch;
pub mod index;
pub use crate::notes::export;
pub use dispatch::{Outcome, Status, run};
pub mod notes;
pub mod outline;
pub mod print;
pub mod search;
pub mod shell;
pub mod team;
pub mod themes;

/// Why a subcommand failed. Every message names the file or the argument
/// and says what to do; `main` prints it and exits with code 2.
/// `NoMatch` and `Incomplete` are how the functions below say so; [`run`]
/// turns them into an [`Outcome`].
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Load(#[from] crate::document::LoadError),
    #[error(transparent)]
    Store(#[from] crate::notes::store::StoreError),
    #[error("{0}")]
    Usage(String),
    /// Nothing matched: exit code 1, like grep, with no message.
    #[error("no match")]
    NoMatch,
    /// The output is there but leaves out notes that could not be read:
    /// it is printed, then the problems are reported (exit code 2).
    #[error("{}", incomplete(problems))]
    Incomplete {
        output: String,
        problems: Vec<String>,
    },
}

/// The message for notes files that could not be fully read.
pub(crate) fn incomplete(problems: &[String]) -> String {
    // A damaged file's notes are left out; a newer one's are read but kept
    // read-only: the line for each says which.
    let mut out = match problems.len() {
        1 => "one notes file could not be fully read:".to_owned(),
        n => format!("{n} notes files could not be fully read:"),
    };
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&crate::document::sanitize::sanitize_line(p));
    }
    out
}
