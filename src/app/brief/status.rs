//! What the brief screen's status line says on its right: which of the
//! message, a standing warning, the filter, the search or the key hints
//! wins. Decided here so that drawing only draws.

use super::BriefScreen;
use crate::app::shared::Shared;
use crate::app::status::{Notice, Tone};
use crate::keys::Command;

impl BriefScreen {
    /// The right side of the status line, most urgent first.
    pub fn notice(&self, cx: &Shared) -> Notice {
        if let Some(m) = cx.status.message_notice() {
            return m;
        }
        if cx.status.saving {
            return Notice::new(" saving notes… ", Tone::Message);
        }
        if self.unsaved(cx) {
            let key = cx.hint(Command::ExportNotes);
            return Notice::new(
                format!(" ⚠ notes not saved: in memory only ({key} writes them elsewhere) "),
                Tone::Error,
            );
        }
        match self.notes.orphan_count() {
            0 => {}
            1 => return Notice::new(" ⚠ 1 orphaned note: see the notes pane ", Tone::Error),
            n => {
                return Notice::new(
                    format!(" ⚠ {n} orphaned notes: see the notes pane "),
                    Tone::Error,
                );
            }
        }
        if self.notes.read_only().is_some() {
            return Notice::new(" ⚠ notes read-only ", Tone::Error);
        }
        if let Some(f) = &self.filter {
            let open = cx.hint(Command::Open);
            let cancel = cx.hint(Command::Cancel);
            return Notice::new(
                format!(
                    " showing {} ({} blocks) · {open} goes there · {cancel} shows all ",
                    f.label, f.blocks
                ),
                Tone::Message,
            );
        }
        if self.search.is_active() {
            return Notice::new(
                format!(" /{} {} ", self.search.query, self.match_count()),
                Tone::Plain,
            );
        }
        match self.brief.warnings.first() {
            Some(w) => Notice::new(format!(" ⚠ {w} "), Tone::Error),
            None => Notice::new(hints(cx), Tone::Hints),
        }
    }

    /// The notes in memory are not on disk: a save failed, or they are
    /// kept in memory only.
    pub fn unsaved(&self, cx: &Shared) -> bool {
        let failed = self.notes_file().and_then(|f| cx.saves.unsaved(f));
        failed.is_some() || self.notes.memory_only().is_some() && !self.notes.notes.is_empty()
    }

    /// How many matches the search has, and which the cursor is on.
    pub fn match_count(&self) -> String {
        let search = &self.search;
        let total = search.matches.len();
        let more = if search.truncated { "+" } else { "" };
        match search.current {
            _ if search.query.is_empty() => String::new(),
            _ if total == 0 => "no match".to_owned(),
            Some(i) => format!("{}/{total}{more}", i + 1),
            None => format!("{total}{more} matches"),
        }
    }

    /// The position in short: the section i/n.
    pub fn position_short(&self) -> String {
        match self.brief.sections.len() {
            0 => " empty ".to_owned(),
            n => format!(" §{}/{n} ", self.reader.section + 1),
        }
    }

    /// Where the reader is: the section i/n, how many sections have been
    /// read, and `end` once the end of the brief is on screen (a
    /// percentage of the text on screen read like progress on the first
    /// screen; this does not).
    pub fn position(&self) -> String {
        let n = self.brief.sections.len();
        if n == 0 {
            return " empty ".to_owned();
        }
        let mut at = format!(" §{}/{}", self.reader.section + 1, n);
        if let Some(session) = &self.reading {
            at.push_str(&format!(" · {} read", session.read_count().min(n)));
        }
        // The end of the brief is on screen: nothing more below.
        if self.reader.percent(&self.brief) == 100 {
            at.push_str(" · end");
        }
        at.push(' ');
        at
    }
}

/// The key hints of the status line.
pub fn hints(cx: &Shared) -> String {
    let k = |c| cx.hint(c);
    format!(
        " {} help  {} jump  {} search  {} quit ",
        k(Command::Help),
        k(Command::Jump),
        k(Command::Search),
        k(Command::Quit)
    )
}
