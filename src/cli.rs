//! Command-line types (clap). Parsing only: `main.rs` acts on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::cite::{QuoteLength, Style};
use crate::commands::export::Format;
use crate::notes::{Kind, Stance};

/// A terminal reader for policy briefs.
///
/// With no argument, opens the library: the `library` folder of
/// config.toml, else ./briefs, else the samples built into the binary.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, long_about = None)]
pub struct Cli {
    /// A brief to read (markdown, plain text, Word .docx or a web page .html), a folder of
    /// briefs to open as a library, or `-` to read a brief from a pipe
    /// (`cat brief.md | brief -`).
    #[arg(value_name = "FILE|DIR|-")]
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
    /// Colour theme (see `brief themes`); overrides `theme` in config.toml.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
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
        /// Only notes of this kind: claim, evidence, recommendation, assumption,
        /// risk, question, fact-check.
        #[arg(long = "kind", value_name = "KIND")]
        kinds: Vec<Kind>,
        #[command(flatten)]
        dates: Dates,
        /// Only briefs whose title or path contains this text.
        #[arg(long = "brief", value_name = "PATTERN")]
        brief_pattern: Option<String>,
        /// Only notes by this author (a colleague's, from the team folder,
        /// or yours); repeat for several.
        #[arg(long = "author", value_name = "NAME")]
        authors: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        #[command(flatten)]
        quote: QuoteArgs,
    },
    /// Print every tag with the number of notes `--tag` finds with it
    /// (children included, indented under their parent: `sanctions/eu`
    /// under `sanctions`), or rename, merge and delete tags across every
    /// brief.
    Tags {
        /// The brief (default: every brief with notes).
        file: Option<PathBuf>,
        #[command(subcommand)]
        action: Option<TagsAction>,
    },
    /// Print the citation of a block: its paragraph whole, then the title,
    /// author, date, section, §N ¶M and where the brief is (url or file).
    Cite {
        /// The markdown brief.
        file: PathBuf,
        /// Section number, as `brief outline` numbers them.
        #[arg(long, value_name = "N")]
        section: usize,
        /// Block number within the section, from 1.
        #[arg(long, value_name = "M")]
        block: usize,
        #[arg(long, value_enum, default_value_t = CiteFormat::Plain)]
        format: CiteFormat,
        /// How the source is written: plain (title, author, date, section,
        /// §N ¶M, url or path) or chicago (Author. "Title." Date. ...).
        #[arg(long, value_enum, default_value_t = Style::Plain)]
        style: Style,
        #[command(flatten)]
        quote: QuoteArgs,
    },
    /// Search every brief under a folder: words, "a phrase", #tag, -word;
    /// case-insensitive unless the query has a capital. One brief a line,
    /// by its best passage.
    Search {
        /// The query (quote it as one argument).
        query: String,
        /// The folder of briefs (default: the library folder, else ./briefs).
        dir: Option<PathBuf>,
        /// Print JSON instead of `FILE:SECTION:BLOCK: snippet` lines.
        #[arg(long)]
        json: bool,
        /// Every passage holding every word, best first, not one per brief.
        #[arg(long)]
        passages: bool,
        /// Results printed at most.
        #[arg(long, value_name = "N", default_value_t = crate::commands::search::LIMIT)]
        limit: usize,
        /// Answer from the index as last brought up to date (by the app,
        /// `brief index` or an earlier search) without checking the folder
        /// for changed briefs: faster in a folder of thousands.
        #[arg(long)]
        cached: bool,
    },
    /// Bring a library's search index up to date (only briefs added or
    /// changed are read) and show it: briefs, size on disk, last update.
    Index {
        /// The folder of briefs (default: the library folder, else ./briefs).
        dir: Option<PathBuf>,
        /// Throw the index away and build it again.
        #[arg(long)]
        rebuild: bool,
    },
    /// List the colour themes, each with a sample line in its colours.
    Themes,
    /// Print the effective configuration and where each value came from.
    Config {
        /// Print a commented default config.toml instead.
        #[arg(long)]
        default: bool,
    },
    /// Write a Markdown memo of notes: a heading per group, each note with its
    /// quote and citation.
    Memo {
        /// Only notes with this tag (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Only notes of this kind (repeatable).
        #[arg(long = "kind", value_name = "KIND")]
        kinds: Vec<Kind>,
        /// How to group the notes.
        #[arg(long, value_enum, default_value_t = GroupBy::Brief)]
        group_by: GroupBy,
        /// Only notes by this author: one analyst's notes gathered.
        #[arg(long = "author", value_name = "NAME")]
        authors: Vec<String>,
        #[command(flatten)]
        dates: Dates,
        /// How each note's source is written: plain or chicago.
        #[arg(long, value_enum, default_value_t = Style::Plain)]
        style: Style,
        #[command(flatten)]
        quote: QuoteArgs,
        /// Only briefs under this folder (default: every brief with notes).
        dir: Option<PathBuf>,
    },
    /// Copy the notes of a brief onto a new version of it (the old brief
    /// keeps its own); says where each landed.
    Carry {
        /// The brief whose notes are copied.
        old: PathBuf,
        /// Its new version.
        new: PathBuf,
    },
    /// Print the markdown a brief reads as (a Word, plain-text or web page
    /// file converted: headings, lists, tables, footnotes, front matter), or
    /// write it to a new file with -o, to keep or fix.
    Convert {
        /// The brief: markdown, plain text (.txt), Word (.docx) or a web page
        /// (.html); `-` for stdin.
        file: PathBuf,
        /// Write the markdown to this new file instead of stdout (an
        /// existing file is left alone).
        #[arg(short, long, value_name = "OUT.md")]
        output: Option<PathBuf>,
    },
    /// Print a brief as the reader lays it out, for pipes and `less -R`:
    /// in the theme's colours when stdout is a terminal, plain otherwise.
    Print {
        /// The brief: markdown, plain text (.txt), Word (.docx) or a web page
        /// (.html); `-` for stdin.
        file: PathBuf,
        /// Only this section (its number in `brief outline`) and the
        /// sections under it.
        #[arg(long, value_name = "N")]
        section: Option<usize>,
        /// Line width in columns (default: the terminal's, else 80).
        #[arg(long, value_name = "W")]
        width: Option<usize>,
        /// When to colour: auto (a terminal, unless NO_COLOR is set),
        /// always, never.
        #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
        color: ColorWhen,
    },
    /// Share every note of a brief with the team folder (`[team] folder`
    /// in config.toml).
    Share {
        /// The brief.
        file: PathBuf,
    },
    /// Print a completion script for a shell (see the README to install
    /// it): `brief completions bash > ~/.local/share/bash-completion/completions/brief`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `brief man > ~/.local/share/man/man1/brief.1`.
    Man,
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
        /// The note's kind: claim, evidence, recommendation, assumption, risk,
        /// question, fact-check.
        #[arg(long)]
        kind: Option<Kind>,
        /// Where you stand: agree, disagree, unsure.
        #[arg(long)]
        stance: Option<Stance>,
    },
}

/// The date filters of `brief notes` and `brief memo`.
#[derive(Debug, Clone, Default, Args)]
pub struct Dates {
    /// Only notes made on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub since: Option<String>,
    /// Only briefs dated on or after this day (YYYY-MM-DD), by their front
    /// matter or opening lines; briefs with no date are kept and marked
    /// `undated`.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub brief_since: Option<String>,
}

/// How long quotes are.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct QuoteArgs {
    /// Quote whole sentences up to about N characters, then `…` (default:
    /// the whole paragraph).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub quote_limit: Option<u16>,
}

impl QuoteArgs {
    pub fn length(self) -> QuoteLength {
        match self.quote_limit {
            Some(n) => QuoteLength::Sentences(usize::from(n)),
            None => QuoteLength::Whole,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum TagsAction {
    /// Rename a tag (and its children) on every note of every brief; renaming
    /// onto an existing tag merges the two.
    Rename { old: String, new: String },
    /// Remove a tag (and its children) from every note of every brief.
    Delete { tag: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiteFormat {
    Plain,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    Tag,
    Brief,
    Kind,
}

/// A day as YYYY-MM-DD, checked to be a real date: `--since 2026-13-45`
/// is a mistake to report, not a filter that quietly matches nothing.
fn parse_day(text: &str) -> Result<String, String> {
    text.parse::<jiff::civil::Date>()
        .map(|d| d.to_string())
        .map_err(|_| format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01"))
}

/// When `brief print` writes colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}
