//! Word's review comments (`word/comments.xml`): each `w:comment`'s id,
//! author, date and text, joined with the place `body` found for it in the
//! document. Strings are sanitised here, and there are at most
//! [`MAX_IMPORTED`] comments: a hostile file cannot flood the notes.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;

use super::parts::attr;
use crate::document::ImportedComment;
use crate::document::comments::{MAX_COMMENT_CHARS, MAX_IMPORTED};
use crate::document::sanitize::{cut_line, sanitize};

/// The comments of `xml`, in document order, each with its place (the
/// commented text and its paragraph) from `places`; a comment the body
/// does not mark keeps an empty quote. A warning says how many were
/// dropped past the cap.
pub fn read(
    xml: &str,
    places: &HashMap<String, (String, String)>,
) -> (Vec<ImportedComment>, Option<String>) {
    let mut out = Vec::new();
    let mut dropped = 0usize;
    let mut current: Option<(ImportedComment, String)> = None;
    let mut in_text = false;
    let mut reader = Reader::from_str(xml);
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "comment" => {
                    let comment = ImportedComment {
                        id: attr(&e, "id").unwrap_or_default(),
                        author: attr(&e, "author").unwrap_or_default(),
                        date: attr(&e, "date").unwrap_or_default(),
                        ..ImportedComment::default()
                    };
                    current = Some((comment, String::new()));
                }
                "t" => in_text = true,
                "p" => push(&mut current, "\n"),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => push(&mut current, " "),
                "br" | "cr" => push(&mut current, "\n"),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "comment" => {
                    if let Some((comment, text)) = current.take() {
                        if out.len() < MAX_IMPORTED {
                            out.push(finish(comment, &text, places));
                        } else {
                            dropped += 1;
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => push(&mut current, &t.xml10_content()),
            Event::CData(t) if in_text => push(&mut current, &t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&r).unwrap_or_default().to_owned(),
                };
                push(&mut current, &resolved);
            }
            _ => {}
        }
    }
    let warning = (dropped > 0).then(|| {
        format!("{dropped} comments past the first {MAX_IMPORTED} were not imported as notes")
    });
    (out, warning)
}

/// Adds text to the comment being read, up to the most kept.
fn push(current: &mut Option<(ImportedComment, String)>, text: &str) {
    if let Some((_, body)) = current
        && body.len() < MAX_COMMENT_CHARS * 4
    {
        body.push_str(text);
    }
}

/// A comment read: its fields sanitised and cut, its place found.
fn finish(
    mut comment: ImportedComment,
    text: &str,
    places: &HashMap<String, (String, String)>,
) -> ImportedComment {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let text = lines.join("\n");
    let text = match text.char_indices().nth(MAX_COMMENT_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    };
    comment.text = sanitize(&text).into_owned();
    comment.author = cut_line(&comment.author, 80);
    comment.date = cut_line(&comment.date, 40);
    comment.id = cut_line(&comment.id, 40);
    if let Some((quote, paragraph)) = places.get(&comment.id) {
        comment.quote = cut_line(quote, 400);
        comment.paragraph = cut_line(paragraph, 400);
    }
    comment
}
