//! The note editor popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use super::text::truncate;
use crate::app::brief::editor::{Choosing, EditTarget, NoteEditor};
use crate::app::{BriefScreen, Shared, popup_area};
use crate::document::sanitize::sanitize_line;
use crate::keys::{Command, Context};
use crate::notes::anchor::fold_ws;
use crate::notes::{Kind, Stance};

pub fn render(s: &BriefScreen, cx: &Shared, editor: &NoteEditor, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let popup = popup_area(area);
    super::clear_popup(popup, buf);
    let section = s.brief.section_of(editor.block);
    let ordinal = editor
        .block
        .saturating_sub(s.brief.sections.get(section).map_or(0, |s| s.blocks.start))
        + 1;
    let verb = match editor.target {
        EditTarget::New => "New note",
        EditTarget::Existing(_) => "Edit note",
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(format!(" {verb} on §{} ¶{ordinal} ", section + 1))
        .border_style(t.popup_border)
        .style(t.popup);
    let inner = block.inner(popup);
    block.render(popup, buf);
    if inner.height < 3 || inner.width < 4 {
        return;
    }
    let width = usize::from(inner.width);
    let quote = fold_ws(s.brief.block_text(editor.block));
    buf.set_stringn(
        inner.x,
        inner.y,
        truncate(&format!("\u{201c}{quote}\u{201d}"), width),
        width,
        t.note_quote,
    );
    // A note that followed an edited paragraph shows what it was made on.
    // Until the next save records it, the quote of a note placed on an
    // edited paragraph is still the one it was made on.
    let was = match &editor.target {
        EditTarget::Existing(id) => s.notes.index_of(id).and_then(|i| {
            let note = &s.notes.notes[i];
            let edited = s
                .notes
                .placements
                .get(i)
                .is_some_and(|p| p.how == crate::notes::Placed::Edited);
            note.original_quote
                .clone()
                .or_else(|| edited.then(|| note.anchor.quote.clone()))
        }),
        EditTarget::New => None,
    };
    let mut top = inner.y + 1;
    if let Some(was) = was.filter(|_| inner.height > 4) {
        let line = format!("was: \u{201c}{}\u{201d}", sanitize_line(&was));
        buf.set_stringn(inner.x, top, truncate(&line, width), width, t.note_flag);
        top += 1;
    }
    let key = |c| cx.keymap.hint_in(Context::Editor, c);
    let hint = if editor.confirm_discard {
        let yes = cx.keymap.hint_in(Context::Confirm, Command::Yes);
        let no = cx.keymap.hint_in(Context::Confirm, Command::No);
        format!("Discard your changes? {yes}/{no}")
    } else {
        match editor.choosing {
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
        }
    };
    let hint_style = if editor.confirm_discard {
        t.error
    } else {
        t.note_quote
    };
    // The kind list is longer than the popup is wide: it wraps at its
    // separators, up to three lines, so every key shows.
    let room = usize::from(inner.height.saturating_sub(top - inner.y + 1)).clamp(1, 3);
    let lines = pack(&hint, width, room);
    let bottom = inner.y + inner.height - lines.len() as u16;
    for (i, line) in lines.iter().enumerate() {
        let y = bottom + i as u16;
        buf.set_stringn(inner.x, y, truncate(line, width), width, hint_style);
    }
    let text_area = Rect {
        y: top,
        height: bottom.saturating_sub(top),
        ..inner
    };
    editor.textarea.render(text_area, buf);
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
