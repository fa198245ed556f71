//! The status bar: title, section i/n, percent read, and on the right a
//! message, the search state or key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::text::{PromptLine, draw_cut, truncate};
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
            let label = Span::styled(truncate(&label, width / 2), t.status_key);
            return PromptLine::new(label, prompt, t.status).render(area, buf);
        }
        Overlay::Export(prompt) => {
            // Where the name goes, in full, and in what format, before
            // anything is written: the path's end matters most.
            let room = width.saturating_sub(24).min(width * 3 / 5);
            let (hint, style) = match s.export_target(prompt.value(), cx) {
                Ok((path, kind)) => {
                    let path = crate::document::load::display_path(&path);
                    (
                        tail(&format!(" → {path} ({}) ", kind.name()), room),
                        t.status_message,
                    )
                }
                Err(why) => (truncate(&format!(" {why} "), room), t.error),
            };
            let reserve = text_width(&hint) as u16;
            let label = Span::styled(" export notes to: ", t.status_key);
            PromptLine::new(label, prompt, t.status)
                .reserve(reserve)
                .render(area, buf);
            let x = area.right().saturating_sub(reserve);
            buf.set_span(x, area.y, &Span::styled(hint, style), reserve);
            return;
        }
        Overlay::Confirm(c) => return confirm(&c.question, cx, area, buf),
        Overlay::Editor(e) if e.confirm_discard => {
            return confirm("Discard the changes to this note?", cx, area, buf);
        }
        _ => {}
    }
    if s.search.editing {
        return search_prompt(s, cx, area, buf);
    }

    let notice = s.notice(cx);
    let right_style = match notice.tone {
        Tone::Plain => t.status,
        Tone::Message => t.status_message,
        Tone::Error => t.error,
        Tone::Hints => t.status_key,
    };
    // A message that would be cut keeps its room: the position then says
    // only the section.
    let mut position = s.position();
    if notice.tone != Tone::Hints && text_width(&notice.text) + text_width(&position) + 8 > width {
        position = s.position_short();
    }
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
    let [title_area, position_area, right_area] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(pos_w as u16),
        Constraint::Length(right_w as u16),
    ])
    .areas(area);
    let title = format!(" {}", s.brief.title);
    draw_cut(buf, title_area, &title, t.status.patch(t.strong));
    let position = Span::styled(position, t.status);
    buf.set_span(position_area.x, area.y, &position, position_area.width);
    draw_cut(buf, right_area, &right, right_style);
}

/// The search prompt, with the count of matches at the right end.
fn search_prompt(s: &BriefScreen, cx: &Shared, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let count = s.match_count();
    let count_w = text_width(&count) as u16;
    PromptLine::new(Span::styled("/", t.status_key), &s.search.prompt, t.status)
        .reserve(count_w + 1)
        .render(area, buf);
    if count_w + 2 <= area.width {
        let [_, count_area, _] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(count_w),
            Constraint::Length(1),
        ])
        .areas(area);
        buf.set_span(
            count_area.x,
            area.y,
            &Span::styled(count, t.status),
            count_w,
        );
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
    let used = text_width(&label);
    let hint_w = text_width(&hint).min(width.saturating_sub(used + 10)) as u16;
    PromptLine::new(Span::styled(label, t.status_key), &tags.prompt, t.status)
        .reserve(hint_w)
        .render(area, buf);
    let [_, hint_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(hint_w)]).areas(area);
    draw_cut(buf, hint_area, &hint, t.status_message);
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
    let room = width - text_width(&keys).min(width);
    let line = Line::from(vec![
        Span::styled(truncate(&format!(" {question}"), room), t.error),
        Span::styled(keys, t.status_key),
    ]);
    buf.set_line(area.x, area.y, &line, area.width);
}

/// The end of `text` in at most `width` cells, `…` first when cut.
fn tail(text: &str, width: usize) -> String {
    if text_width(text) <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = text_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    kept.push('…');
    kept.into_iter().rev().collect()
}
