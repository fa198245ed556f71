//! The table of every command in every context: its name in key-binding
//! files, its help text and the help group it is listed under. The help
//! overlay, the README's key table and config.toml's `[keys]` all read
//! this table, so they cannot disagree.

use super::command::{Command, CommandInfo, Context};

const fn at(
    context: Context,
    command: Command,
    name: &'static str,
    group: &'static str,
    describe: &'static str,
) -> CommandInfo {
    CommandInfo {
        command,
        context,
        name,
        describe,
        group,
    }
}

/// A command of the normal context (reading, the library).
const fn normal(
    command: Command,
    name: &'static str,
    group: &'static str,
    describe: &'static str,
) -> CommandInfo {
    at(Context::Normal, command, name, group, describe)
}

const MOVE: &str = "Move";
const SECTIONS: &str = "Sections";
const PANES: &str = "Panes and outline";
const SEARCH: &str = "Search";
const NOTES: &str = "Notes and tags";
const ANALYST: &str = "Cite and skim";
const LIBRARY: &str = "Library, links and changes";
const GENERAL: &str = "General";
const LIST: &str = "In lists (jump, pickers, library search)";
const PROMPT: &str = "In prompts (search, tags, export)";
const EDITOR: &str = "In the note editor";
const CONFIRM: &str = "In questions";

/// Every command in every context, in the order the help overlay lists
/// them.
pub const COMMANDS: &[CommandInfo] = &[
    normal(
        Command::Down,
        "down",
        MOVE,
        "next block (outline, notes: next entry)",
    ),
    normal(
        Command::Up,
        "up",
        MOVE,
        "previous block (outline, notes: previous)",
    ),
    normal(Command::PageDown, "page_down", MOVE, "page down"),
    normal(Command::PageUp, "page_up", MOVE, "page up"),
    normal(Command::Top, "top", MOVE, "first block"),
    normal(Command::Bottom, "bottom", MOVE, "last block"),
    normal(
        Command::NextSection,
        "next_section",
        SECTIONS,
        "next section",
    ),
    normal(
        Command::PrevSection,
        "prev_section",
        SECTIONS,
        "previous section",
    ),
    normal(
        Command::Jump,
        "jump",
        SECTIONS,
        "jump to a section by title",
    ),
    normal(
        Command::FocusNext,
        "focus_next",
        PANES,
        "focus the next pane",
    ),
    normal(
        Command::FocusPrev,
        "focus_prev",
        PANES,
        "focus the previous pane",
    ),
    normal(
        Command::Fold,
        "fold",
        PANES,
        "outline: fold, or go to the parent",
    ),
    normal(
        Command::Unfold,
        "unfold",
        PANES,
        "outline: unfold, or go to a child",
    ),
    normal(
        Command::Open,
        "open",
        PANES,
        "outline, notes: go to the section or note",
    ),
    normal(
        Command::ToggleNotes,
        "toggle_notes",
        PANES,
        "show or hide the notes pane",
    ),
    normal(
        Command::WrapCode,
        "wrap_code",
        PANES,
        "wrap long code lines, or cut them (…+N)",
    ),
    normal(
        Command::TogglePictures,
        "toggle_pictures",
        PANES,
        "pictures drawn, or their [image: alt] lines",
    ),
    normal(
        Command::ViewPicture,
        "view_picture",
        PANES,
        "the picture under the cursor, full screen",
    ),
    normal(
        Command::Search,
        "search",
        SEARCH,
        "search the brief (notes pane: filter)",
    ),
    normal(Command::SearchNext, "search_next", SEARCH, "next match"),
    normal(Command::SearchPrev, "search_prev", SEARCH, "previous match"),
    normal(
        Command::AddNote,
        "add_note",
        NOTES,
        "add a note to the current block",
    ),
    normal(
        Command::EditNote,
        "edit_note",
        NOTES,
        "edit a note of the current block",
    ),
    normal(
        Command::DeleteNote,
        "delete_note",
        NOTES,
        "delete a note of the current block",
    ),
    normal(
        Command::UndoDelete,
        "undo_delete",
        NOTES,
        "undo the last delete",
    ),
    normal(
        Command::ShareNote,
        "share_note",
        NOTES,
        "share a note with the team folder (again: stop sharing)",
    ),
    normal(
        Command::ReplyNote,
        "reply_note",
        NOTES,
        "reply to a note (a colleague's too)",
    ),
    normal(
        Command::Tag,
        "tag",
        NOTES,
        "tag the current block (-name removes)",
    ),
    normal(
        Command::TagFilter,
        "tag_filter",
        NOTES,
        "show only blocks with a tag",
    ),
    normal(
        Command::AttachNote,
        "attach_note",
        NOTES,
        "put a note (orphaned, moved) on the current block",
    ),
    normal(
        Command::InlineNotes,
        "inline_notes",
        NOTES,
        "show or hide notes under their paragraph",
    ),
    normal(
        Command::ExportNotes,
        "export_notes",
        NOTES,
        "write this brief's notes to a file",
    ),
    normal(
        Command::ManageTags,
        "manage_tags",
        NOTES,
        "rename, merge or delete tags in every brief",
    ),
    normal(
        Command::Cite,
        "cite",
        ANALYST,
        "copy a citation of the block (notes pane: with the note), via OSC 52",
    ),
    normal(
        Command::ToggleAddresses,
        "toggle_addresses",
        ANALYST,
        "show or hide block addresses (§4 ¶2)",
    ),
    normal(
        Command::KeyJudgments,
        "key_judgments",
        ANALYST,
        "show only the key-judgment sections",
    ),
    normal(
        Command::Links,
        "links",
        LIBRARY,
        "list the links on screen; follow one",
    ),
    normal(
        Command::Back,
        "back",
        LIBRARY,
        "back to the brief before the last link",
    ),
    normal(
        Command::Library,
        "library",
        LIBRARY,
        "the library (the folder opened, else the configured one)",
    ),
    normal(
        Command::Sort,
        "sort",
        LIBRARY,
        "library: sort by date, title, progress, notes",
    ),
    normal(
        Command::ShowChanges,
        "show_changes",
        LIBRARY,
        "what changed in this section since you read it",
    ),
    normal(
        Command::CycleTheme,
        "cycle_theme",
        GENERAL,
        "next colour theme",
    ),
    normal(Command::Help, "help", GENERAL, "show or hide this help"),
    normal(
        Command::Suspend,
        "suspend",
        GENERAL,
        "suspend brief to the shell (fg brings it back)",
    ),
    normal(
        Command::Cancel,
        "cancel",
        GENERAL,
        "close, clear the search or filter",
    ),
    normal(Command::Quit, "quit", GENERAL, "quit"),
    // A list with a filter line.
    at(Context::List, Command::Down, "down", LIST, "next entry"),
    at(Context::List, Command::Up, "up", LIST, "previous entry"),
    at(
        Context::List,
        Command::PageDown,
        "page_down",
        LIST,
        "a page down",
    ),
    at(Context::List, Command::PageUp, "page_up", LIST, "a page up"),
    at(
        Context::List,
        Command::Open,
        "open",
        LIST,
        "take the selected entry",
    ),
    at(Context::List, Command::Cancel, "cancel", LIST, "close"),
    at(
        Context::List,
        Command::OpenOutside,
        "open_outside",
        LIST,
        "links: open the link outside brief",
    ),
    at(
        Context::List,
        Command::DeleteTag,
        "delete_tag",
        LIST,
        "tags: delete the tag from every note",
    ),
    // A line being typed.
    at(Context::Prompt, Command::Submit, "submit", PROMPT, "done"),
    at(Context::Prompt, Command::Cancel, "cancel", PROMPT, "cancel"),
    at(
        Context::Prompt,
        Command::Complete,
        "complete",
        PROMPT,
        "tags: complete the tag",
    ),
    // The note editor.
    at(
        Context::Editor,
        Command::SaveNote,
        "save",
        EDITOR,
        "save the note",
    ),
    at(
        Context::Editor,
        Command::PickKind,
        "pick_kind",
        EDITOR,
        "the next key picks the note's kind",
    ),
    at(
        Context::Editor,
        Command::PickStance,
        "pick_stance",
        EDITOR,
        "the next key picks the stance",
    ),
    at(
        Context::Editor,
        Command::Cancel,
        "cancel",
        EDITOR,
        "close (asks first if changed)",
    ),
    // A question.
    at(Context::Confirm, Command::Yes, "yes", CONFIRM, "yes"),
    at(
        Context::Confirm,
        Command::No,
        "no",
        CONFIRM,
        "no (so does any other key)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_listed_once_per_context_with_a_unique_name() {
        for (i, a) in COMMANDS.iter().enumerate() {
            for b in COMMANDS[i + 1..].iter().filter(|b| b.context == a.context) {
                assert_ne!(a.name, b.name, "{:?}", a.context);
                assert_ne!(a.command, b.command, "{:?}", a.context);
            }
        }
    }
}
