//! Subcommands that print to stdout. Each returns text so tests can check
//! it without spawning the binary.

pub mod config;
pub use crate::notes::export;
pub mod notes;
pub mod outline;
pub mod search;
pub mod themes;

/// Why a subcommand failed. Every message names the file or the argument
/// and says what to do; `main` prints it and exits with code 2.
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
}
