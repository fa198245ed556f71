//! Subcommands that print to stdout. Each returns text so tests can check
//! it without spawning the binary.

pub mod export;
pub mod outline;
