//! The state machine's vocabulary: every [`Msg`] that can reach
//! `App::update`, and every [`Effect`] it can ask the runtime to carry out.
//! Both are plain data, so the app is tested without files or threads: a
//! test sends messages and looks at the effects.

use std::path::PathBuf;

use ratatui::crossterm::event::Event;

use crate::catalogue::Library;
use crate::document::{BlockId, Brief};
use crate::keys::Action;
use crate::notes::export::ExportNote;
use crate::notes::store::{Header, Offer};
use crate::notes::{Anchor, Note, TagOp};
use crate::reading::{Progress, ReadingState};
use crate::search::{IndexEvent, SearchResponse};

/// Something that happened: input, or the answer to an effect.
#[derive(Debug)]
pub enum Msg {
    /// A terminal event: a key, the mouse, a paste, a resize.
    Event(Event),
    /// An input already translated by the keymap (tests, benchmarks).
    Action(Action),
    /// A brief was read (or could not be) for this request.
    Loaded {
        request: LoadRequest,
        result: Result<Box<Loaded>, String>,
    },
    /// The load in flight (of this file, as shown) took too long and was
    /// given up.
    LoadTimedOut(String),
    /// The library folder was listed.
    Scanned(Result<Box<Scanned>, String>),
    /// Passages for the library's search prompt (already known current).
    SearchResults(SearchResponse),
    /// How the library's search index is doing: indexing, up to date, or
    /// something the reader should know.
    Index(IndexEvent),
    /// Every brief's notes, and the notes files that could not be read.
    AllNotes {
        rows: Vec<ExportNote>,
        problems: Vec<String>,
    },
    /// The theme chosen with `T` was remembered, or why not.
    ThemeRemembered(Result<(), String>),
    /// A notes file as it is on disk now (it changed: another window, or
    /// this one, wrote it); None when it could not be read.
    NotesOnDisk {
        file: PathBuf,
        notes: Option<Vec<Note>>,
    },
    /// Colleagues' notes on the open brief, read from the team folder
    /// (after it changed).
    TeamNotes(crate::notes::team::TeamNotes),
    /// A save of a notes file finished.
    NotesSaved {
        seq: u64,
        file: PathBuf,
        result: Result<SaveOutcome, String>,
    },
    /// A save of reading state finished.
    StateSaved(Result<(), String>),
    /// Every tag used in any brief, with its count.
    TagCounts(Vec<(String, usize)>),
    /// A tag change applied to the other briefs' notes: files changed,
    /// files skipped and why.
    Retagged {
        /// What was done, as the reader is told it ("#a is now #b").
        what: String,
        /// Notes changed in the open brief.
        here: usize,
        result: Result<(usize, Vec<String>), String>,
    },
    /// Notes written to a file of the reader's choosing.
    Exported {
        path: PathBuf,
        count: usize,
        result: Result<(), ExportProblem>,
    },
    /// The open brief's file changed on disk (and has settled).
    FileChanged,
    /// Briefs were added, changed or removed under the library's folder.
    LibraryChanged,
    /// A picture was decoded for `job` (or could not be: why).
    Picture {
        job: PictureJob,
        result: Result<crate::images::Decoded, String>,
    },
    /// The terminal's cell size in pixels, once asked (pictures are laid
    /// out from it).
    CellSize(u16, u16),
    /// Time passes while something is pending (a save, a quit).
    Tick,
    /// A terminating signal: leave as if the reader quit.
    Signal(i32),
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}

/// A parse that takes longer than this many seconds is given up as "too
/// complex".
pub const LOAD_LIMIT_SECS: u64 = 2;

/// Work `update` asks the runtime to do: files, threads and the terminal
/// stay out of the state machine.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read and parse a brief with its notes and reading state.
    Load(LoadRequest),
    /// Watch a brief's file and report when it changes on disk.
    Watch { path: PathBuf },
    /// Watch a brief's notes file and read it when it changes.
    WatchNotes { file: PathBuf, header: Header },
    /// Watch the open brief's folder in the team folder and read its
    /// notes when it changes.
    WatchTeam { header: Header },
    /// List the briefs under a folder (and build its search index).
    ScanLibrary { dir: PathBuf },
    /// Search the library's full text; `incremental` while typing.
    Search { text: String, incremental: bool },
    /// Read every brief's notes (the library's notes view).
    LoadAllNotes,
    /// Merge these notes into their file and write it.
    SaveNotes(SaveRequest),
    /// Write a brief's reading state.
    SaveState(Box<ReadingState>),
    /// Count every tag in every brief's notes.
    LoadTags,
    /// Apply a tag change to every notes file but one.
    Retag(RetagRequest),
    /// Write notes to a file of the reader's choosing.
    Export(ExportRequest),
    /// Remember the theme chosen with `T` for the next start.
    RememberTheme(String),
    /// Put text on the system clipboard (OSC 52). Sanitised by the sender.
    Clipboard(String),
    /// Open a link with the system's opener (only on an explicit key).
    OpenExternal(String),
    /// Give the terminal back and stop until resumed (Ctrl-Z).
    Suspend,
    /// Decode a picture and fit it to a size in cells (off the UI thread).
    Picture(PictureJob),
}

/// A picture to decode: which block of the open brief it is, its file,
/// and the cells it is to fill.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PictureJob {
    pub block: BlockId,
    pub file: PathBuf,
    pub cols: u16,
    pub rows: u16,
}

/// A picture block's file as the loader found it: its path and size in
/// pixels from its header, or why it will not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureFile {
    pub block: BlockId,
    pub found: Result<(PathBuf, (u32, u32)), String>,
}

/// A tag change for every other brief's notes.
#[derive(Debug, Clone, PartialEq)]
pub struct RetagRequest {
    pub op: TagOp,
    /// The open brief's notes file, changed already.
    pub except: Option<PathBuf>,
    /// Told back with the answer: what was done, how many notes here.
    pub what: String,
    pub here: usize,
}

/// A brief to open.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadRequest {
    pub path: PathBuf,
    /// Where to put the reader once it is open.
    pub at: Option<Target>,
    /// A reload of the brief on screen (it changed on disk).
    pub reload: bool,
    /// Where the reader was, for Backspace, once the brief is open.
    pub back: Option<Place>,
    /// Notes the reader accepted as this brief's (moved or a new version).
    pub attach: Option<Box<Offer>>,
}

/// A place to come back to: a brief's file (None: the brief that is open
/// when going back) and where in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub file: Option<PathBuf>,
    pub target: Target,
}

/// Where to put the reader in a brief that is opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A heading anchor, as in `other.md#key-judgments`.
    Section(String),
    /// A block, by its anchor: found again as notes are when the brief
    /// changed meanwhile (moved, edited, blocks added above it).
    Block(Box<Anchor>),
    /// A block by its address (`§section ¶block`, both from 1).
    Address { section: usize, block: usize },
    /// A search result: the block, with the query's words highlighted.
    Match { block: BlockId, query: String },
}

/// Notes to merge into their file: `base` is what the app last had from
/// the file, so the store can tell our changes from another instance's.
#[derive(Debug, Clone, PartialEq)]
pub struct SaveRequest {
    pub seq: u64,
    pub file: PathBuf,
    pub header: Header,
    pub base: Vec<Note>,
    pub notes: Vec<Note>,
}

/// What a save left in the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SaveOutcome {
    /// The notes now in the file, ours merged with any other instance's.
    pub notes: Vec<Note>,
    /// Notes that came from another instance's save.
    pub from_other: usize,
    /// Notes both sides changed: theirs kept as flagged copies.
    pub conflicts: usize,
    /// Why the shared notes could not be written to the team folder.
    pub team_problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportRequest {
    pub path: PathBuf,
    /// The brief's own notes file, never exported over.
    pub own: Option<PathBuf>,
    pub header: Header,
    pub notes: Vec<Note>,
    /// The notes already written out as Markdown, CSV or JSON; None for
    /// a notes file (TOML, as the data folder keeps them).
    pub rendered: Option<String>,
    /// Replace a file that is already there (the reader said yes).
    pub overwrite: bool,
}

/// Why an export did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportProblem {
    /// There is a file by that name: ask before replacing it.
    Exists,
    Failed(String),
}

/// A brief read and parsed on a worker, with what was found for it.
#[derive(Debug)]
pub struct Loaded {
    pub brief: Brief,
    /// The notes as stored, and where changes to them go.
    pub notes: Vec<Note>,
    pub home: NotesHome,
    /// The path as given, and resolved (links, the library's selection).
    pub path: PathBuf,
    pub canonical: PathBuf,
    /// The reading state (None for stdin and samples, or no data folder).
    pub reading: Option<ReadingState>,
    /// Why notes or reading state are not what they should be.
    pub warning: Option<String>,
    /// What happened to the notes that the reader should know (they
    /// followed the brief from where it was).
    pub notice: Option<String>,
    /// Notes that may be this brief's: the reader is asked.
    pub offer: Option<Offer>,
    /// The brief's pictures, measured (local files only).
    pub pictures: Vec<PictureFile>,
}

impl Loaded {
    /// A brief with no file, its notes kept in memory (tests, examples).
    pub fn in_memory(brief: Brief) -> Loaded {
        Loaded {
            brief,
            notes: Vec::new(),
            home: NotesHome::Memory("not saved: this brief has no file".to_owned()),
            path: PathBuf::new(),
            canonical: PathBuf::new(),
            reading: None,
            warning: None,
            notice: None,
            offer: None,
            pictures: Vec::new(),
        }
    }
}

impl Default for NotesHome {
    fn default() -> NotesHome {
        NotesHome::Memory(String::new())
    }
}

/// Where the open brief's notes are saved, or why they cannot be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesHome {
    /// A notes file in the data folder.
    File { file: PathBuf, header: Header },
    /// A file that must not be written (damaged, newer, unreadable): the
    /// notes show, changes are refused. The reason, in full.
    ReadOnly(String),
    /// Kept in memory only (no data folder, a built-in sample): why.
    Memory(String),
}

/// What the scan found: the list and what the list shows beside it.
#[derive(Debug)]
pub struct Scanned {
    pub library: Library,
    /// Reading progress and "updated since last read", by canonical path.
    pub progress: std::collections::HashMap<PathBuf, Progress>,
    pub updated: std::collections::HashSet<PathBuf>,
    pub notes: std::collections::HashMap<PathBuf, usize>,
}
