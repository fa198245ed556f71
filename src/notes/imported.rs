//! A document's own comments (Word's) as notes: each on the block that
//! holds the text it was made on, with its author and date, tagged
//! `imported`.
//!
//! Once each: a note's id is derived from the comment (its id, author and
//! date in the file), and the notes file records every id it imported
//! (`imported = [...]`, [`super::store::NotesFile`]). Reopening the
//! document finds the ids recorded and adds nothing; a reader who deletes
//! an imported note does not get it back, since its id stays recorded.
//! The notes file is the document's identity here: it follows the file
//! when moved, so the ids only need to differ within it.

use std::collections::HashSet;

use super::store::{BriefNotes, Header, StoreError};
use super::{Note, anchor_for};
use crate::document::{BlockId, Brief, ImportedComment};
use crate::hash::{fnv1a, hex};

/// The tag every imported note carries.
pub const IMPORTED_TAG: &str = "imported";

/// The id of the note a comment becomes: the same on every open.
pub fn note_id(comment: &ImportedComment) -> String {
    let key = format!("{}\0{}\0{}", comment.id, comment.author, comment.date);
    format!("word-{}", hex(fnv1a(key.as_bytes())))
}

/// Notes for the brief's comments whose ids `known` does not hold, in
/// document order.
pub fn notes_for(brief: &Brief, known: impl Fn(&str) -> bool) -> Vec<Note> {
    if brief.imported.is_empty() || brief.blocks.is_empty() {
        return Vec::new();
    }
    let texts: Vec<String> = (0..brief.blocks.len())
        .map(|b| fold_ws(brief.block_text(b)))
        .collect();
    let mut seen = HashSet::new();
    brief
        .imported
        .iter()
        .filter_map(|comment| {
            let id = note_id(comment);
            (!known(&id) && seen.insert(id.clone())).then(|| note_of(brief, &texts, comment, id))
        })
        .collect()
}

/// Text with runs of white space folded to one space, as quotes are.
fn fold_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A comment as a note, on its block (the first block when its text is
/// nowhere in the brief).
fn note_of(brief: &Brief, texts: &[String], comment: &ImportedComment, id: String) -> Note {
    let block = block_of(texts, comment).unwrap_or(0);
    let mut note = Note::new(
        anchor_for(brief, block),
        comment.text.clone(),
        vec![IMPORTED_TAG.to_owned()],
    );
    note.id = id;
    note.author = comment.author.clone();
    if let Ok(when) = comment.date.parse::<jiff::Timestamp>() {
        let when = jiff::Timestamp::from_second(when.as_second()).unwrap_or(when);
        note.created = when.to_string();
        note.updated = note.created.clone();
    }
    note
}

/// The block holding the commented text: the quote, else its paragraph.
fn block_of(texts: &[String], comment: &ImportedComment) -> Option<BlockId> {
    [&comment.quote, &comment.paragraph]
        .into_iter()
        .filter(|needle| !needle.is_empty())
        .find_map(|needle| texts.iter().position(|t| t.contains(needle.as_str())))
}

/// Adds the brief's comments not imported before to its notes and saves
/// them (atomically, merged with other instances' saves, as any save).
/// `header` gets the file's list of imported ids, for later saves. A
/// read-only notes file gets nothing. Returns how many were added; on a
/// failed save the notes are as they were.
pub fn import(
    notes: &mut BriefNotes,
    header: &mut Header,
    brief: &Brief,
) -> Result<usize, StoreError> {
    header.imported = notes.imported().to_vec();
    if notes.read_only.is_some() || brief.imported.is_empty() {
        return Ok(0);
    }
    let mut known: HashSet<String> = header.imported.iter().cloned().collect();
    known.extend(notes.notes.iter().map(|n| n.id.clone()));
    let fresh = notes_for(brief, |id| known.contains(id));
    if fresh.is_empty() {
        return Ok(0);
    }
    let before = notes.notes.len();
    let mut ids = header.imported.clone();
    ids.extend(fresh.iter().map(|n| n.id.clone()));
    let mut wanted = header.clone();
    wanted.imported = ids;
    let added = fresh.len();
    notes.notes.extend(fresh);
    match notes.save(wanted) {
        Ok(_) => {
            header.imported = notes.imported().to_vec();
            Ok(added)
        }
        Err(e) => {
            notes.notes.truncate(before);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comments_note_id_never_changes() {
        // Written to notes files: a new value would import every comment
        // again.
        let comment = ImportedComment {
            id: "1".into(),
            author: "R. Analyst".into(),
            date: "2026-02-04T09:00:00Z".into(),
            ..ImportedComment::default()
        };
        assert_eq!(note_id(&comment), "word-0129a11b6b6b82b7");
    }

    #[test]
    fn a_comment_is_on_the_block_with_its_quote_else_its_paragraph() {
        let mut brief = crate::document::parse("First para.\n\nSecond one here.\n", "t");
        let on = |quote: &str, paragraph: &str| ImportedComment {
            id: quote.to_owned(),
            quote: quote.into(),
            paragraph: paragraph.into(),
            ..ImportedComment::default()
        };
        brief.imported = vec![
            on("one here", ""),
            on("not there", "Second one"),
            on("", "nowhere"),
        ];
        let notes = notes_for(&brief, |_| false);
        let quotes: Vec<&str> = notes.iter().map(|n| n.anchor.quote.as_str()).collect();
        assert_eq!(
            quotes,
            ["Second one here.", "Second one here.", "First para."]
        );
        assert!(notes.iter().all(|n| n.has_tag(IMPORTED_TAG)));
    }
}
