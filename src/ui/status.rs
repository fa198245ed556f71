//! The status bar: title, section i/n, percent read, and on the right a
//! message, the search state or key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::{draw_prompt, truncate};
use crate::app::brief::overlay::Overlay;
use crate::app::brief::tag_prompt::TagPrompt;
use crate::app::status::Tone;
use crate::app::{BriefScreen, Shared};
use crate::keys::{Command, Context};
use crate::layout::text_width;

pub fn render(s: &BriefScreen, cx: &Shared, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    buf.set_style(area, t.status);
    let width = usize::from(area.width);
    match &s.overlay {
        Overlay::Tags(tags) => return tag_prompt(s, cx, tags, area, buf),
        Overlay::RenameTag { old, prompt } => {
            let label = format!(
                " rename #{} to (an existing tag merges): #",
                crate::document::sanitize::sanitize_line(old)
            );
            let label = truncate(&label, width / 2);
            let (x, _) = buf.set_stringn(area.x, area.y, &label, width, t.status_key);
            let field = Rect {
                x,
                width: area.width.saturating_sub(x - area.x),
                ..area
            };
            draw_prompt(buf, field, prompt.value(), prompt.cursor(), t.status);
            return;
        }
        Overlay::Export(prompt) => {
            let label = " export notes to: ";
            let (x, _) = buf.set_stringn(area.x, area.y, label, width, t.status_key);
            let field = Rect {
                x,
                width: area.width.saturating_sub(x - area.x),
                ..area
            };
            draw_prompt(buf, field, prompt.value(), prompt.cursor(), t.status);
            return;
        }
        Overlay::Confirm(c) => return confirm(&c.question, cx, area, buf),
        Overlay::Editor(e) if e.confirm_discard => {
            return confirm("Discard the changes to this note?", cx, area, buf);
        }
        _ => {}
    }
    if s.search.editing {
        let count = s.match_count();
        let count_w = text_width(&count);
        buf.set_stringn(area.x, area.y, "/", 1, t.status_key);
        let field = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(1 + count_w as u16 + 1),
            ..area
        };
        draw_prompt(
            buf,
            field,
            s.search.prompt.value(),
            s.search.prompt.cursor(),
            t.status,
        );
        if count_w + 2 <= width {
            let x = area.x + (width - count_w - 1) as u16;
            buf.set_stringn(x, area.y, &count, count_w, t.status);
        }
        return;
    }

    let notice = s.notice(cx);
    let right_style = match notice.tone {
        Tone::Plain => t.status,
        Tone::Message => t.status_message,
        Tone::Error => t.error,
        Tone::Hints => t.status_key,
    };
    let position = s.position();
    let pos_w = text_width(&position);
    // The right part gives way first, then the title. Hints are dropped
    // whole rather than cut, since half a hint is no help.
    let room = width.saturating_sub(pos_w + 8);
    let right = if notice.tone == Tone::Hints && text_width(&notice.text) > room {
        let short = format!(" {} help ", cx.keymap.hint(Command::Help));
        if text_width(&short) <= room {
            short
        } else {
            String::new()
        }
    } else {
        notice.text
    };
    let right_w = text_width(&right).min(room);
    let title_w = width.saturating_sub(pos_w + right_w);
    let title = truncate(&format!(" {}", s.brief.title), title_w);
    let (x, _) = buf.set_stringn(area.x, area.y, &title, title_w, t.status.patch(t.strong));
    let x = x.max(area.x + (title_w.min(width)) as u16);
    buf.set_stringn(x, area.y, &position, pos_w, t.status);
    if right_w > 0 {
        let rx = area.x + (width - right_w) as u16;
        buf.set_stringn(rx, area.y, truncate(&right, right_w), right_w, right_style);
    }
}

fn tag_prompt(s: &BriefScreen, cx: &Shared, tags: &TagPrompt, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let current: Vec<String> = tags.current.iter().map(|t| format!("#{t}")).collect();
    let label = if current.is_empty() {
        " tags: ".to_owned()
    } else {
        format!(" tags {}: ", current.join(" "))
    };
    let width = usize::from(area.width);
    let label = truncate(&label, width / 2);
    let (x, _) = buf.set_stringn(area.x, area.y, &label, width, t.status_key);
    // A controlled vocabulary flags unknown tags as they are typed.
    let typed = crate::notes::edit_tags(&tags.current, tags.prompt.value());
    let unknown: Vec<String> = s
        .unknown_tags(&typed, cx)
        .iter()
        .map(|t| format!("#{t}"))
        .collect();
    let hint = if !unknown.is_empty() {
        format!(" not in the vocabulary: {} ", unknown.join(" "))
    } else if tags.candidates.len() > 1 {
        format!(" {} ", tags.candidates.join(" "))
    } else {
        let tab = cx.keymap.hint_in(Context::Prompt, Command::Complete);
        format!(" {tab} completes · -tag removes ")
    };
    let used = usize::from(x - area.x);
    let hint_w = text_width(&hint).min(width.saturating_sub(used + 10));
    let field = Rect {
        x,
        width: (width - used - hint_w) as u16,
        ..area
    };
    draw_prompt(
        buf,
        field,
        tags.prompt.value(),
        tags.prompt.cursor(),
        t.status,
    );
    if hint_w > 0 {
        let hx = area.x + (width - hint_w) as u16;
        buf.set_stringn(
            hx,
            area.y,
            truncate(&hint, hint_w),
            hint_w,
            t.status_message,
        );
    }
}

/// A yes/no question: the question cut to fit, the keys always shown.
pub fn confirm(question: &str, cx: &Shared, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let keys = format!(
        " {}/{} ",
        cx.keymap.hint_in(Context::Confirm, Command::Yes),
        cx.keymap.hint_in(Context::Confirm, Command::No)
    );
    let width = usize::from(area.width);
    let keys_w = text_width(&keys).min(width);
    let room = width - keys_w;
    let (x, _) = buf.set_stringn(
        area.x,
        area.y,
        truncate(&format!(" {question}"), room),
        room,
        t.error,
    );
    buf.set_stringn(x, area.y, &keys, keys_w, t.status_key);
}
