//! Command-line types (clap). Parsing only: `main.rs` acts on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands::export::Format;

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

    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Where notes and reading state are kept (default: BRIEF_DATA_DIR, else
    /// the platform's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
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
    /// Print notes in document order: of one brief, or of every brief with notes.
    Notes {
        /// The brief (default: every brief with notes).
        file: Option<PathBuf>,
        /// Only notes carrying this tag (or a child of it: `energy` finds `energy/grid`).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
    },
    /// Print every tag with its count: of one brief, or of every brief.
    Tags {
        /// The brief (default: every brief with notes).
        file: Option<PathBuf>,
    },
    /// Add a note from the shell; prints the new note's id.
    Annotate {
        /// The markdown brief.
        file: PathBuf,
        /// Section number, as `brief outline` numbers them.
        #[arg(long, value_name = "N")]
        section: usize,
        /// Block number within the section, from 1.
        #[arg(long, value_name = "M")]
        block: usize,
        /// A tag (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The note's text.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}
