//! The note editor popup.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::text::draw_cut;
use crate::app::brief::editor::{Choosing, EditTarget, NoteEditor};
use crate::app::{BriefScreen, Shared, popup_area};
use crate::document::sanitize::sanitize_line;
use crate::keys::{Command, Context};
use crate::notes::anchor::fold_ws;
use crate::notes::{Kind, Stance};

pub fn render(s: &BriefScreen, cx: &Shared, editor: &NoteEditor, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let verb = match editor.target {
        EditTarget::New => "New note",
        EditTarget::Existing(_) => "Edit note",
        EditTarget::Reply(_) => "Reply",
    };
    let own = own_record(s, editor);
    let title = match (editor.block, &own) {
        (Some(block), _) => {
            let at = crate::cite::Address::of(&s.brief, block);
            format!(" {verb} on {at} ")
        }
        // Orphaned: where it was, from its own record.
        (None, Some((section, number, block, _))) => {
            format!(" {verb}, orphaned: was §{number} ¶{block} in {section} ")
        }
        (None, None) => format!(" {verb} "),
    };
    let title = sanitize_line(&title);
    let inner = super::popup::frame(title, popup_area(area), t, buf);
    if inner.height < 3 || inner.width < 4 {
        return;
    }
    let width = usize::from(inner.width);
    // A note that followed an edited paragraph shows what it was made on.
    let was = was_quote(s, editor).filter(|_| inner.height > 4);
    let (hint, hint_style) = hint(cx, editor);
    // The kind list is longer than the popup is wide: it wraps at its
    // separators, up to three lines, so every key shows.
    let above = 1 + u16::from(was.is_some());
    let room = usize::from(inner.height.saturating_sub(above + 1)).clamp(1, 3);
    let lines = pack(&hint, width, room);
    let [quote_row, was_row, text_area, hint_rows] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(above - 1),
        Constraint::Fill(1),
        Constraint::Length(lines.len() as u16),
    ])
    .areas(inner);
    let quote = match (editor.block, own) {
        (Some(block), _) => fold_ws(s.brief.block_text(block)),
        (None, Some((_, _, _, quote))) => sanitize_line(&quote),
        (None, None) => String::new(),
    };
    draw_cut(
        buf,
        quote_row,
        &format!("\u{201c}{quote}\u{201d}"),
        t.note_quote,
    );
    if let Some(was) = was {
        let line = format!("was: \u{201c}{}\u{201d}", sanitize_line(&was));
        draw_cut(buf, was_row, &line, t.note_flag);
    }
    for (line, row) in lines.iter().zip(hint_rows.rows()) {
        draw_cut(buf, row, line, hint_style);
    }
    editor.textarea.render(text_area, buf);
}

/// What an existing note records of its paragraph: its section, the
/// section's and the block's numbers, and its quote.
fn own_record(s: &BriefScreen, editor: &NoteEditor) -> Option<(String, u32, u32, String)> {
    let EditTarget::Existing(id) = &editor.target else {
        return None;
    };
    let note = &s.notes.notes[s.notes.index_of(id)?];
    let a = &note.anchor;
    Some((
        a.section.join(" › "),
        a.section_number,
        a.block,
        a.quote.clone(),
    ))
}

/// Until the next save records it, the quote of a note placed on an
/// edited paragraph is still the one it was made on.
fn was_quote(s: &BriefScreen, editor: &NoteEditor) -> Option<String> {
    let EditTarget::Existing(id) = &editor.target else {
        return None;
    };
    let i = s.notes.index_of(id)?;
    let note = &s.notes.notes[i];
    let edited = s
        .notes
        .placements
        .get(i)
        .is_some_and(|p| p.how == crate::notes::Placed::Edited);
    note.original_quote
        .clone()
        .or_else(|| edited.then(|| note.anchor.quote.clone()))
}

/// The editor's bottom line: the note's kind and stance with their keys,
/// a choice being made, or the question before changes are dropped.
fn hint(cx: &Shared, editor: &NoteEditor) -> (String, Style) {
    let t = &cx.theme;
    if editor.confirm_discard {
        let yes = cx.keymap.hint_in(Context::Confirm, Command::Yes);
        let no = cx.keymap.hint_in(Context::Confirm, Command::No);
        return (format!("Discard your changes? {yes}/{no}"), t.error);
    }
    let key = |c| cx.keymap.hint_in(Context::Editor, c);
    let hint = match editor.choosing {
        Some(Choosing::Kind) => {
            let all: Vec<String> = Kind::ALL
                .iter()
                .map(|k| format!("{} {}", k.key(), k.name()))
                .collect();
            format!("kind: {} · x none", all.join(" · "))
        }
        Some(Choosing::Stance) => {
            let all: Vec<String> = Stance::ALL
                .iter()
                .map(|k| format!("{} {}", k.key(), k.name()))
                .collect();
            format!("stance: {} · x none", all.join(" · "))
        }
        None => format!(
            "{} ({}) · {} ({}) · {} save · {} cancel",
            editor.kind.map_or("no kind", Kind::name),
            key(Command::PickKind),
            editor.stance.map_or("no stance", Stance::name),
            key(Command::PickStance),
            key(Command::SaveNote),
            key(Command::Cancel),
        ),
    };
    (hint, t.note_quote)
}

/// Splits a hint of `a · b · c` parts into at most `max` lines of `width`
/// cells, breaking only between parts (the last line takes what is left).
fn pack(hint: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in hint.split(" · ") {
        let joined = if line.is_empty() {
            part.to_owned()
        } else {
            format!("{line} · {part}")
        };
        if crate::layout::text_width(&joined) > width && !line.is_empty() && lines.len() + 1 < max {
            lines.push(std::mem::take(&mut line));
            line = part.to_owned();
        } else {
            line = joined;
        }
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::pack;

    #[test]
    fn a_long_hint_wraps_between_its_parts() {
        let hint = "kind: c claim · e evidence · r recommendation · a assumption · k risk · q question · f fact-check · x none";
        let lines = pack(hint, 40, 3);
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .take(lines.len() - 1)
                .all(|l| l.chars().count() <= 40)
        );
        assert_eq!(lines.join(" · "), hint, "nothing lost");
        assert_eq!(pack("a · b", 40, 3), ["a · b"]);
        assert_eq!(
            pack(hint, 10, 1).len(),
            1,
            "one line when there is room for one"
        );
    }
}
