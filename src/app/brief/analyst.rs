//! The analyst's tools: citations, addresses, the key-judgments view and
//! the tag manager.

use std::collections::HashSet;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::picker::{PickItem, Picker, Purpose};
use super::prompt::{Prompt, PromptEvent};
use super::{App, Confirm, ConfirmAction, Effect, Overlay, ReaderFilter};
use crate::cite::Citation;
use crate::document::BlockId;
use crate::document::sanitize::sanitize_line;
use crate::notes::TagOp;
use crate::ui::text::truncate;

/// Section titles the key-judgments view gathers by default.
pub const DEFAULT_KEY_SECTIONS: &[&str] = &[
    "summary",
    "key findings",
    "key judgments",
    "key judgements",
    "recommendations",
    "recommendation",
    "bottom line",
    "conclusion",
    "conclusions",
];

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

impl App {
    /// `y`: a citation of the current block to the clipboard and the
    /// status line.
    pub(super) fn cite(&mut self) {
        let Some(block) = self.current_block() else {
            self.say("nothing to cite in an empty brief");
            return;
        };
        let c = Citation::of(&self.brief, block);
        self.effects.push(Effect::Clipboard(c.plain()));
        self.say(&format!("copied: {}", c.source()));
    }

    pub(super) fn toggle_addresses(&mut self) {
        self.addresses = !self.addresses;
        self.relayout();
    }

    /// `K`: only the sections whose titles are key judgments, summaries,
    /// recommendations and the like; Enter goes to a block, Esc shows all.
    pub(super) fn key_judgments(&mut self) {
        let blocks: HashSet<BlockId> = self
            .brief
            .sections
            .iter()
            .filter(|s| !s.is_preamble() && is_key_section(&s.title, &self.key_sections))
            .flat_map(|s| s.blocks.clone())
            .collect();
        if blocks.is_empty() {
            self.say("no summary, key judgments, recommendations or conclusion section here");
            return;
        }
        self.clear_filter();
        self.reader.set_filter(&self.brief, Some(&blocks));
        self.filter = Some(ReaderFilter {
            label: "key judgments".to_owned(),
            blocks: blocks.len(),
        });
        self.set_focus(super::panes::Focus::Reader);
    }

    /// The tag manager: every tag with its count across all briefs.
    pub(super) fn manage_tags(&mut self) {
        let mut counts = self.notes.all_tags();
        if counts.is_empty() {
            counts = self.notes.tag_counts();
        }
        if counts.is_empty() {
            self.say("no tags yet");
            return;
        }
        let items = counts
            .into_iter()
            .map(|(t, n)| PickItem {
                label: sanitize_line(&format!("#{t}  ({n})")),
                value: t,
            })
            .collect();
        self.overlay = Overlay::Picker(Box::new(Picker::new(
            "Tags · Enter renames or merges · Ctrl-d deletes",
            Purpose::ManageTags,
            items,
        )));
    }

    /// Ctrl-d in the tag manager: ask before deleting the tag everywhere.
    pub(super) fn ask_delete_tag(&mut self, tag: String) {
        self.overlay = Overlay::Confirm(Confirm {
            question: format!(
                "Delete #{} from every note of every brief? y/n",
                truncate(&sanitize_line(&tag), 40)
            ),
            on_yes: ConfirmAction::DeleteTag(tag),
        });
    }

    pub(super) fn ask_rename_tag(&mut self, old: String) {
        let mut prompt = Prompt::default();
        prompt.set_value(&old);
        self.overlay = Overlay::RenameTag { old, prompt };
    }

    pub(super) fn rename_tag_key(&mut self, key: KeyEvent) {
        let Overlay::RenameTag { old, prompt } = &mut self.overlay else {
            return;
        };
        match prompt.handle_key(key) {
            PromptEvent::Cancel => self.overlay = Overlay::None,
            PromptEvent::Submit => {
                let op = TagOp::Rename {
                    old: old.clone(),
                    new: prompt.value().trim().to_owned(),
                };
                self.overlay = Overlay::None;
                if let TagOp::Rename { old, new } = &op
                    && (new.is_empty() || new == old)
                {
                    return;
                }
                self.retag(&op);
            }
            _ => {}
        }
    }

    /// Applies a tag change here and in every other brief's notes.
    pub(super) fn retag(&mut self, op: &TagOp) {
        let here = self.notes.retag(&self.brief, op);
        let elsewhere = self.notes.retag_others(op);
        match (here, elsewhere) {
            (Ok(n), Ok((files, skipped))) => {
                let what = match op {
                    TagOp::Rename { old, new } => format!("#{old} is now #{new}"),
                    TagOp::Delete { tag } => format!("#{tag} deleted"),
                };
                let mut msg = format!("{what}: {n} note(s) here, {files} other brief(s)");
                if !skipped.is_empty() {
                    msg.push_str(&format!("; {} file(s) skipped (read-only)", skipped.len()));
                }
                self.known_tags.clear();
                self.say(&msg);
            }
            (Err(e), _) | (_, Err(e)) => self.error(&e),
        }
    }

    /// Tags typed that are not in the configured vocabulary.
    pub fn unknown_tags(&self, tags: &[String]) -> Vec<String> {
        let Some(allowed) = &self.allowed_tags else {
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
}

/// Ctrl-d: the tag manager's delete key.
pub(super) fn is_delete_key(key: &KeyEvent) -> bool {
    key.code == KeyCode::Delete
        || (key.code == KeyCode::Char('d') && key.modifiers.contains(KeyModifiers::CONTROL))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Vec<String> {
        DEFAULT_KEY_SECTIONS
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
