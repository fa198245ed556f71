//! What changed since the reader last read a brief: the sections whose
//! text is not what they read, and a word diff of one of them.

use std::time::Duration;

use similar::{ChangeTag, TextDiff};

use super::state::ReadingState;
use crate::document::{Brief, SectionId};
use crate::hash::{hex, text_hash};

/// A word diff gives up refining after this long (huge, wholly rewritten
/// sections) and reports coarser runs instead.
const DIFF_DEADLINE: Duration = Duration::from_millis(200);

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum DiffKind {
    Equal,
    Inserted,
    Deleted,
}

/// A run of text that is the same, new, or gone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

/// The text of a section: its blocks, separated by blank lines (the
/// heading is not part of it).
pub fn section_text(brief: &Brief, section: SectionId) -> String {
    let Some(s) = brief.sections.get(section) else {
        return String::new();
    };
    let mut out = String::new();
    for b in s.blocks.clone() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(brief.block_text(b));
    }
    out
}

/// The sections the reader has read whose text changed since they read
/// them, in document order.
pub fn changed_sections(state: &ReadingState, brief: &Brief) -> Vec<SectionId> {
    let mut out: Vec<SectionId> = state
        .assign(brief)
        .into_iter()
        .zip(&state.read)
        .filter_map(|(s, r)| {
            let s = s?;
            (hex(text_hash(&section_text(brief, s))) != r.hash).then_some(s)
        })
        .collect();
    out.sort_unstable();
    out
}

/// A word diff of a section from the text the reader read to the text now;
/// None when the section was never read (or its stored text is damaged).
/// An unchanged section gives one `Equal` part.
pub fn section_diff(
    state: &ReadingState,
    brief: &Brief,
    section: SectionId,
) -> Option<Vec<DiffPart>> {
    let i = state
        .assign(brief)
        .iter()
        .position(|s| *s == Some(section))?;
    let old = state.read[i].read_text()?;
    Some(word_diff(&old, &section_text(brief, section)))
}

/// Equal, inserted and deleted runs from `old` to `new`, word by word;
/// consecutive pieces of one kind are joined.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let diff = TextDiff::configure()
        .timeout(DIFF_DEADLINE)
        .diff_words(old, new);
    let mut out: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Equal,
            ChangeTag::Insert => DiffKind::Inserted,
            ChangeTag::Delete => DiffKind::Deleted,
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => out.push(DiffPart {
                kind,
                text: change.value().to_owned(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaced_word_is_a_deletion_then_an_insertion() {
        let parts = word_diff("the grain corridor", "the rice corridor");
        let kinds: Vec<(DiffKind, &str)> =
            parts.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (DiffKind::Equal, "the "),
                (DiffKind::Deleted, "grain"),
                (DiffKind::Inserted, "rice"),
                (DiffKind::Equal, " corridor"),
            ]
        );
    }
}
