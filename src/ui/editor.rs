//! The note editor popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use super::text::truncate;
use crate::app::editor::{Choosing, EditTarget, NoteEditor};
use crate::app::{App, popup_area};
use crate::document::sanitize::sanitize_line;
use crate::notes::anchor::fold_ws;
use crate::notes::{Kind, Stance};

pub fn render(app: &App, editor: &NoteEditor, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let popup = popup_area(area);
    super::clear_popup(popup, buf);
    let section = app.brief.section_of(editor.block);
    let ordinal = editor.block.saturating_sub(
        app.brief
            .sections
            .get(section)
            .map_or(0, |s| s.blocks.start),
    ) + 1;
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
    let quote = fold_ws(app.brief.block_text(editor.block));
    buf.set_stringn(
        inner.x,
        inner.y,
        truncate(&format!("\u{201c}{quote}\u{201d}"), width),
        width,
        t.note_quote,
    );
    // A note that followed an edited paragraph shows what it was made on.
    let was = match &editor.target {
        EditTarget::Existing(id) => app
            .notes
            .index_of(id)
            .and_then(|i| app.notes.notes[i].original_quote.clone()),
        EditTarget::New => None,
    };
    let mut top = inner.y + 1;
    if let Some(was) = was.filter(|_| inner.height > 4) {
        let line = format!("was: \u{201c}{}\u{201d}", sanitize_line(&was));
        buf.set_stringn(inner.x, top, truncate(&line, width), width, t.note_flag);
        top += 1;
    }
    let hint = if editor.confirm_discard {
        "Discard your changes? y/n".to_owned()
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
                "{} (Ctrl-k) · {} (Ctrl-t) · Ctrl-s save · Esc cancel",
                editor.kind.map_or("no kind", Kind::name),
                editor.stance.map_or("no stance", Stance::name),
            ),
        }
    };
    let hint_style = if editor.confirm_discard {
        t.error
    } else {
        t.note_quote
    };
    let bottom = inner.y + inner.height - 1;
    buf.set_stringn(inner.x, bottom, truncate(&hint, width), width, hint_style);
    let text_area = Rect {
        y: top,
        height: bottom.saturating_sub(top),
        ..inner
    };
    editor.textarea.render(text_area, buf);
}
