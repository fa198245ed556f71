//! Command-line types (clap). Parsing only: `main.rs` acts on them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// A terminal reader for policy briefs.
///
/// With no argument, opens the sample briefs (./briefs when it exists, else
/// the samples built into the binary).
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A markdown brief to read.
    pub path: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a brief's section tree: number, title, block count.
    Outline {
        /// The markdown brief.
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}
