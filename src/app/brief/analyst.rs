//! The analyst's tools: citations, addresses, the key-judgments view and
//! the tag manager.

use std::collections::HashSet;

use super::overlay::{Confirm, ConfirmAction, Overlay};
use super::panes::Focus;
use super::picker::{PickItem, Picker, Purpose};
use super::{BriefScreen, ReaderFilter};
use crate::app::msg::{Effect, NotesHome, RetagRequest};
use crate::app::prompt::Prompt;
use crate::app::shared::Shared;
use crate::cite::Citation;
use crate::document::BlockId;
use crate::document::sanitize::sanitize_line;
use crate::keys::{Command, Context};
use crate::notes::TagOp;

/// Whether a section title is one of `wanted`, ignoring case, leading
/// numbering ("2.", "IV.", "A)") and what follows a colon or the name
/// ("Conclusion: a complex web", "Summary of findings").
pub fn is_key_section(title: &str, wanted: &[String]) -> bool {
    let t = strip_numbering(&title.to_lowercase());
    wanted.iter().any(|w| {
        let w = w.to_lowercase();
        t.strip_prefix(w.as_str())
            .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
    })
}

fn strip_numbering(t: &str) -> String {
    let t = t.trim();
    let first = t.split_whitespace().next().unwrap_or("");
    let numbering = first.len() <= 6
        && first.ends_with(['.', ')', ':'])
        && first[..first.len() - 1].chars().all(|c| {
            c.is_ascii_digit()
                || c == '.'
                || "ivxlc".contains(c)
                || c.is_ascii_lowercase() && first.len() <= 3
        });
    let numbered = first.chars().all(|c| c.is_ascii_digit() || c == '.') && !first.is_empty();
    if numbering || numbered {
        t[first.len()..].trim_start().to_owned()
    } else {
        t.to_owned()
    }
}

impl BriefScreen {
    /// `y`: a citation of the current block to the clipboard and the
    /// status line.
    pub(super) fn cite(&mut self, cx: &mut Shared) {
        let Some(block) = self.target_block(cx) else {
            return;
        };
        let c = Citation::with(
            &self.brief,
            block,
            self.source.as_deref(),
            crate::cite::Style::Plain,
            crate::cite::QuoteLength::Whole,
        );
        // In the notes pane, the selected note (anyone's) with it.
        let note = self.pane_note().and_then(|i| self.notes.notes.get(i));
        let text = match note.map(super::team::signed) {
            Some(note) if !note.trim().is_empty() => format!("{note}\n\n{}", c.plain()),
            _ => c.plain(),
        };
        cx.push(Effect::Clipboard(text));
        let what = if note.is_some() { "the note and " } else { "" };
        cx.say(format!("copied: {what}{}", c.source()));
    }

    pub(super) fn toggle_addresses(&mut self, cx: &Shared) {
        self.addresses = !self.addresses;
        self.relayout(cx);
    }

    /// `w`: long code lines wrap, or are cut again.
    pub(super) fn toggle_code_wrap(&mut self, cx: &mut Shared) {
        use crate::layout::CodeLines;
        let (code, said) = match self.reader.code_lines() {
            CodeLines::Cut => (CodeLines::Wrap, "long code lines wrap"),
            CodeLines::Wrap => (CodeLines::Cut, "long code lines are cut"),
        };
        self.reader.set_code_lines(&self.brief, code);
        cx.say(said);
    }

    /// `K`: only the sections whose titles are key judgments, summaries,
    /// recommendations and the like; Enter goes to a block, Esc shows all.
    pub(super) fn key_judgments(&mut self, cx: &mut Shared) {
        let wanted = &cx.settings.key_sections;
        let blocks: HashSet<BlockId> = self
            .brief
            .sections
            .iter()
            .filter(|s| !s.is_preamble() && is_key_section(&s.title, wanted))
            .flat_map(|s| s.blocks.clone())
            .collect();
        if blocks.is_empty() {
            cx.say("no summary, key judgments, recommendations or conclusion section here");
            return;
        }
        self.clear_filter();
        self.reader.set_filter(&self.brief, Some(&blocks));
        self.filter = Some(ReaderFilter {
            label: "key judgments".to_owned(),
            blocks: blocks.len(),
        });
        self.set_focus(Focus::Reader, cx);
    }

    /// The tag manager: every tag with its count across all briefs. It
    /// opens at once with this brief's tags; every brief's follow when
    /// they have been read (off this thread).
    pub(super) fn manage_tags(&mut self, cx: &mut Shared) {
        let counts = self.notes.tag_counts();
        cx.push(Effect::LoadTags);
        let items = tag_items(counts);
        let list = cx.hint_in(Context::List, Command::Open);
        let delete = cx.hint_in(Context::List, Command::DeleteTag);
        let title = format!("Tags · {list} renames or merges · {delete} deletes");
        self.overlay = Overlay::Picker(Box::new(Picker::new(title, Purpose::ManageTags, items)));
    }

    /// Every brief's tags have been counted.
    pub(crate) fn tag_counts(&mut self, counts: Vec<(String, usize)>) {
        self.known_tags = Some(counts.iter().map(|(t, _)| t.clone()).collect());
        match &mut self.overlay {
            Overlay::Picker(p) if p.purpose == Purpose::ManageTags && !counts.is_empty() => {
                p.replace_items(tag_items(counts));
            }
            Overlay::Tags(t) => {
                t.add_known(counts.into_iter().map(|(t, _)| t));
            }
            _ => {}
        }
    }

    /// Asks before deleting a tag everywhere.
    pub(super) fn ask_delete_tag(&mut self, tag: String) {
        self.overlay = Overlay::Confirm(Confirm {
            question: format!(
                "Delete #{} from every note of every brief?",
                sanitize_line(&tag)
            ),
            on_yes: ConfirmAction::DeleteTag(tag),
        });
    }

    pub(super) fn ask_rename_tag(&mut self, old: String) {
        let mut prompt = Prompt::default();
        prompt.set_value(&old);
        self.overlay = Overlay::RenameTag { old, prompt };
    }

    pub(super) fn rename_tag_command(&mut self, c: Command, cx: &mut Shared) {
        let Overlay::RenameTag { old, prompt } = &mut self.overlay else {
            return;
        };
        match c {
            Command::Cancel => self.overlay = Overlay::None,
            Command::Submit => {
                let (old, new) = (old.clone(), prompt.value().trim().to_owned());
                self.overlay = Overlay::None;
                if !new.is_empty() && new != old {
                    self.retag(&TagOp::Rename { old, new }, cx);
                }
            }
            _ => {}
        }
    }

    /// Applies a tag change here, and asks for it in every other brief's
    /// notes (the answer says how many).
    pub(super) fn retag(&mut self, op: &TagOp, cx: &mut Shared) {
        let what = match op {
            TagOp::Rename { old, new } => format!("#{old} is now #{new}"),
            TagOp::Delete { tag } => format!("#{tag} deleted"),
        };
        match self.notes.retag(&self.brief, op) {
            Ok(here) => {
                let except = match &self.notes.home {
                    NotesHome::File { file, .. } => Some(file.clone()),
                    _ => None,
                };
                cx.push(Effect::Retag(RetagRequest {
                    op: op.clone(),
                    except,
                    what: sanitize_line(&what),
                    here,
                }));
                self.known_tags = None;
            }
            Err(e) => cx.error(e.0),
        }
    }

    /// The other briefs' notes have been retagged.
    pub(crate) fn retagged(
        &mut self,
        what: &str,
        here: usize,
        result: Result<(usize, Vec<String>), String>,
        cx: &mut Shared,
    ) {
        match result {
            Ok((files, skipped)) => {
                let mut msg =
                    format!("{what}: {here} note(s) here, {files} other brief(s) changed");
                if !skipped.is_empty() {
                    msg.push_str(&format!("; {} file(s) skipped (read-only)", skipped.len()));
                }
                cx.say(msg);
            }
            Err(e) => cx.error(format!(
                "{what}: {here} note(s) here; not changed in the other briefs: {e}"
            )),
        }
    }

    /// Tags typed that are not in the configured vocabulary.
    pub fn unknown_tags(&self, tags: &[String], cx: &Shared) -> Vec<String> {
        unknown_tags(tags, cx.settings.allowed_tags.as_deref())
    }
}

/// Tags not in a controlled vocabulary (none without one).
pub fn unknown_tags(tags: &[String], allowed: Option<&[String]>) -> Vec<String> {
    let Some(allowed) = allowed else {
        return Vec::new();
    };
    tags.iter()
        .filter(|t| {
            !allowed
                .iter()
                .any(|a| crate::notes::tag_matches(t, a) || *t == a)
        })
        .cloned()
        .collect()
}

fn tag_items(counts: Vec<(String, usize)>) -> Vec<PickItem> {
    counts
        .into_iter()
        .map(|(t, n)| PickItem {
            label: sanitize_line(&format!("#{t}  ({n})")),
            value: t,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Vec<String> {
        crate::config::DEFAULT_KEY_SECTIONS
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    }

    #[test]
    fn key_sections_match_any_case_and_numbering() {
        let w = defaults();
        for title in [
            "Key Judgments",
            "2. Key judgments",
            "IV. Recommendations",
            "1.2 Summary of findings",
            "Conclusion: A Complex Web of Challenges",
            "BOTTOM LINE",
        ] {
            assert!(is_key_section(title, &w), "{title}");
        }
        for title in [
            "Background",
            "Summarising the debate",
            "Recommendationsx",
            "Keyboard",
        ] {
            assert!(!is_key_section(title, &w), "{title}");
        }
    }
}
