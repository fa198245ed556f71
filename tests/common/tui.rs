//! The app without a terminal: keys pressed by name through the keymap, as
//! the event loop does, and the screen drawn into ratatui's TestBackend.

use brief::app::App;
use brief::keys::Key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyEvent};

/// Presses keys by name ("j", "]", "ctrl-p", "esc") through the keymap.
pub fn press(app: &mut App, keys: &[&str]) {
    for name in keys {
        let key = Key::parse(name).expect("test key names are valid");
        let event = Event::Key(KeyEvent::new(key.code, key.modifiers));
        if let Some(action) = app.keymap.translate(&event, app.wants_text()) {
            app.update(action);
        }
    }
}

/// The screen as text, one line per row.
pub fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("test backend");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw into test backend");
    terminal.backend().to_string()
}
