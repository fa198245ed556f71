//! Everything a reader can do. Keys map to [`Command`]s through the keymap,
//! in the [`Context`] that has the keyboard; the mouse, resizes and text
//! typed into prompts arrive as other [`Action`]s. `App::update` is the only
//! consumer.

use ratatui::crossterm::event::KeyEvent;

use super::commands::COMMANDS;

/// What a key can be bound to. Its name (in key-binding files), help text
/// and help group come from [`COMMANDS`], per context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextSection,
    PrevSection,
    Jump,
    FocusNext,
    FocusPrev,
    Fold,
    Unfold,
    Open,
    Search,
    SearchNext,
    SearchPrev,
    AddNote,
    EditNote,
    DeleteNote,
    UndoDelete,
    /// Share the note with the team (or stop sharing it).
    ShareNote,
    /// Reply to a note: a new note threaded under it.
    ReplyNote,
    Tag,
    TagFilter,
    ExportNotes,
    ManageTags,
    Cite,
    ToggleAddresses,
    WrapCode,
    /// Pictures drawn in the text, or their alt lines.
    TogglePictures,
    /// The picture under the cursor, full screen.
    ViewPicture,
    KeyJudgments,
    Links,
    Back,
    Library,
    Sort,
    CycleTheme,
    ShowChanges,
    ToggleNotes,
    /// Notes shown under their paragraph in the reader.
    InlineNotes,
    /// Put a note (orphaned, moved) on the reader's paragraph.
    AttachNote,
    Help,
    Suspend,
    Cancel,
    Quit,
    /// Prompts: take what was typed.
    Submit,
    /// Prompts: complete the word being typed.
    Complete,
    /// Lists: open the selected link with the system's opener.
    OpenOutside,
    /// Lists: delete the selected tag everywhere.
    DeleteTag,
    /// The note editor: save the note.
    SaveNote,
    /// The note editor: the next key picks the note's kind.
    PickKind,
    /// The note editor: the next key picks the note's stance.
    PickStance,
    /// A question: yes.
    Yes,
    /// A question: no.
    No,
}

/// Who has the keyboard: each context has its own bindings, so a key can
/// mean one thing while reading and another in a popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Reading, the library, and the help and changes views.
    Normal,
    /// A list with a filter line: the jump popup, pickers (notes, tags,
    /// links), the library's search and notes.
    List,
    /// A line being typed: search, tags, the export path, a tag's new name,
    /// the notes pane's filter.
    Prompt,
    /// The note editor.
    Editor,
    /// A yes/no question.
    Confirm,
}

impl Context {
    pub const ALL: [Context; 5] = [
        Context::Normal,
        Context::List,
        Context::Prompt,
        Context::Editor,
        Context::Confirm,
    ];

    /// The table its bindings are under in key-binding files (`[list]` in
    /// assets/keymap.toml, `[keys.list]` in config.toml); None for the
    /// top-level bindings.
    pub fn table(self) -> Option<&'static str> {
        match self {
            Context::Normal => None,
            Context::List => Some("list"),
            Context::Prompt => Some("prompt"),
            Context::Editor => Some("editor"),
            Context::Confirm => Some("confirm"),
        }
    }

    pub fn from_table(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.table() == Some(name))
    }

    /// Keys not bound here are typed text (every context but the normal
    /// one).
    pub fn takes_text(self) -> bool {
        self != Context::Normal
    }
}

/// What the help overlay and key-binding files know of a command in one
/// context.
#[derive(Debug)]
pub struct CommandInfo {
    pub command: Command,
    pub context: Context,
    /// The name in key-binding files (`[keys]` in config.toml).
    pub name: &'static str,
    pub describe: &'static str,
    pub group: &'static str,
}

impl CommandInfo {
    /// The entry of a command in a context, if it has one there.
    pub fn of(context: Context, command: Command) -> Option<&'static CommandInfo> {
        COMMANDS
            .iter()
            .find(|i| i.context == context && i.command == command)
    }

    /// The command named `name` in a context.
    pub fn named(context: Context, name: &str) -> Option<&'static CommandInfo> {
        COMMANDS
            .iter()
            .find(|i| i.context == context && i.name == name)
    }
}

/// An input the app reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    /// Mouse wheel over the cell (column, row): positive scrolls down.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    /// Left click on the cell (column, row).
    Click {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// A key typed while a prompt or popup has the keyboard.
    Key(KeyEvent),
    /// Text pasted while a prompt or popup has the keyboard.
    Paste(String),
}
