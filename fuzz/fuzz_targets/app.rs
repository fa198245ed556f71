//! The app's update and drawing driven by bytes: the first half of the
//! input is the brief, the rest a sequence of events (keys, mouse,
//! pastes, resizes down to 0x0). Never panics; the cursor stays a block.

#![no_main]

use brief::app::{App, Effect};
use brief::document::parse;
use brief::keys::Action;
use libfuzzer_sys::fuzz_target;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

const KEYS: &[KeyCode] = &[
    KeyCode::Esc,
    KeyCode::Enter,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Backspace,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
];

fn event(op: u8, a: u8, b: u8, rest: &[u8]) -> Event {
    let mods = match b & 3 {
        0 => KeyModifiers::NONE,
        1 => KeyModifiers::CONTROL,
        2 => KeyModifiers::ALT,
        _ => KeyModifiers::SHIFT,
    };
    let mouse = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: u16::from(a),
            row: u16::from(b) % 64,
            modifiers: KeyModifiers::NONE,
        })
    };
    match op % 8 {
        0..=2 => Event::Key(KeyEvent::new(KeyCode::Char(char::from(a)), mods)),
        3 => Event::Key(KeyEvent::new(KEYS[usize::from(a) % KEYS.len()], mods)),
        4 => mouse(MouseEventKind::Down(MouseButton::Left)),
        5 => mouse(if a.is_multiple_of(2) {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        }),
        6 => Event::Paste(String::from_utf8_lossy(&rest[..rest.len().min(usize::from(a))]).into()),
        _ => Event::Resize(u16::from(a) % 160, u16::from(b) % 60),
    }
}

fuzz_target!(|bytes: &[u8]| {
    let split = bytes
        .first()
        .map_or(0, |&n| usize::from(n) * bytes.len() / 256);
    let (md, ops) = bytes.split_at(split.min(bytes.len()));
    let mut app = App::new(parse(&String::from_utf8_lossy(md), "fuzz"));
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    for (i, op) in ops.chunks(3).enumerate() {
        let [op, a, b] = [op[0], *op.get(1).unwrap_or(&0), *op.get(2).unwrap_or(&0)];
        let ev = event(op, a, b, &ops[i * 3..]);
        if let Some(action) = app.keymap.translate(&ev, app.wants_text()) {
            app.update(action);
        }
        for effect in std::mem::take(&mut app.effects) {
            if let Effect::Load { .. } = effect {
                app.load_failed("not loaded while fuzzing".into());
            }
        }
        if app.quit || app.fatal.is_some() {
            return;
        }
        let area = Rect::new(0, 0, app.size.width, app.size.height);
        let mut buf = Buffer::empty(area);
        (&app).render(area, &mut buf);
        if !app.brief.blocks.is_empty() {
            assert!(app.reader.cursor < app.brief.blocks.len());
        }
    }
});
