//! The status bar: title, section i/n, percent read, and on the right a
//! message, the search state or key hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::{draw_prompt, truncate};
use crate::app::tag_prompt::TagPrompt;
use crate::app::{App, Overlay};
use crate::keys::Command;
use crate::layout::text_width;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    buf.set_style(area, t.status);
    let width = usize::from(area.width);
    match &app.overlay {
        Overlay::Tags(tags) => return tag_prompt(app, tags, area, buf),
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
        Overlay::Confirm(c) => {
            buf.set_stringn(
                area.x,
                area.y,
                truncate(&format!(" {}", c.question), width),
                width,
                t.error,
            );
            return;
        }
        _ => {}
    }
    if app.search.editing {
        let count = match_count(app);
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
            app.search.prompt.value(),
            app.search.prompt.cursor(),
            t.status,
        );
        if count_w + 2 <= width {
            let x = area.x + (width - count_w - 1) as u16;
            buf.set_stringn(x, area.y, &count, count_w, t.status);
        }
        return;
    }

    let (right, right_style) = match &app.message {
        None if app.notes.orphan_count() > 0 => (
            match app.notes.orphan_count() {
                1 => " ⚠ 1 orphaned note: see the notes pane ".to_owned(),
                n => format!(" ⚠ {n} orphaned notes: see the notes pane "),
            },
            t.error,
        ),
        None if app.notes.read_only().is_some() => (" ⚠ notes read-only ".to_owned(), t.error),
        None if app.notes.unsaved => (" ⚠ notes not saved ".to_owned(), t.error),
        None if app.filter.is_some() => {
            let f = app
                .filter
                .as_ref()
                .map(|f| (f.label.clone(), f.blocks))
                .unwrap_or_default();
            (
                format!(
                    " showing {} ({} blocks) · Enter goes there · Esc shows all ",
                    f.0, f.1
                ),
                t.status_message,
            )
        }
        Some(m) => (
            format!(" {} ", m.text),
            if m.error { t.error } else { t.status_message },
        ),
        None if app.search.is_active() => (
            format!(" /{} {} ", app.search.query, match_count(app)),
            t.status,
        ),
        None => match app.brief.warnings.first() {
            Some(w) => (format!(" ⚠ {w} "), t.error),
            None => (hints(app), t.status_key),
        },
    };
    let position = position(app);
    let pos_w = text_width(&position);
    // The right part gives way first, then the title. Hints are dropped
    // whole rather than cut, since half a hint is no help.
    let room = width.saturating_sub(pos_w + 8);
    let right = if app.message.is_none() && text_width(&right) > room && right == hints(app) {
        let short = format!(" {} help ", app.keymap.hint(Command::Help));
        if text_width(&short) <= room {
            short
        } else {
            String::new()
        }
    } else {
        right
    };
    let right_w = text_width(&right).min(room);
    let title_w = width.saturating_sub(pos_w + right_w);
    let title = truncate(&format!(" {}", app.brief.title), title_w);
    let (x, _) = buf.set_stringn(area.x, area.y, &title, title_w, t.status.patch(t.strong));
    let x = x.max(area.x + (title_w.min(width)) as u16);
    buf.set_stringn(x, area.y, &position, pos_w, t.status);
    if right_w > 0 {
        let rx = area.x + (width - right_w) as u16;
        buf.set_stringn(rx, area.y, truncate(&right, right_w), right_w, right_style);
    }
}

fn position(app: &App) -> String {
    let n = app.brief.sections.len();
    if n == 0 {
        return " empty ".to_owned();
    }
    format!(
        " §{}/{} {:>3}% ",
        app.reader.section + 1,
        n,
        app.reader.percent(&app.brief)
    )
}

fn match_count(app: &App) -> String {
    let total = app.search.matches.len();
    let more = if app.search.truncated { "+" } else { "" };
    match app.search.current {
        _ if app.search.query.is_empty() => String::new(),
        _ if total == 0 => "no match".to_owned(),
        Some(i) => format!("{}/{total}{more}", i + 1),
        None => format!("{total}{more} matches"),
    }
}

fn hints(app: &App) -> String {
    let k = |c| app.keymap.hint(c);
    format!(
        " {} help  {} jump  {} search  {} quit ",
        k(Command::Help),
        k(Command::Jump),
        k(Command::Search),
        k(Command::Quit)
    )
}

fn tag_prompt(app: &App, tags: &TagPrompt, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
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
    let unknown: Vec<String> = app
        .unknown_tags(&typed)
        .iter()
        .map(|t| format!("#{t}"))
        .collect();
    let hint = if !unknown.is_empty() {
        format!(" not in the vocabulary: {} ", unknown.join(" "))
    } else if tags.candidates.len() > 1 {
        format!(" {} ", tags.candidates.join(" "))
    } else {
        " Tab completes · -tag removes ".to_owned()
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
