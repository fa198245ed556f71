//! The app without a terminal: keys pressed by name through the keymap, as
//! the event loop does, and the screen drawn into ratatui's TestBackend.

use brief::app::{App, BriefScreen, Msg};
use brief::document::Brief;
use brief::keys::Key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyEvent};

/// An app on a brief at a size, notes in memory.
pub fn app_at(brief: Brief, width: u16, height: u16) -> App {
    let mut app = App::new(brief::app::Startup::brief(brief));
    app.take_effects();
    resize(&mut app, width, height);
    app
}

pub fn resize(app: &mut App, width: u16, height: u16) {
    app.update(brief::keys::Action::Resize { width, height });
}

/// Presses keys by name ("j", "]", "ctrl-p", "esc") as the terminal sends
/// them: through the keymap, in whatever context has the keyboard.
pub fn press(app: &mut App, keys: &[&str]) {
    for name in keys {
        let key = Key::parse(name).expect("test key names are valid");
        let event = Event::Key(KeyEvent::new(key.code, key.modifiers));
        app.update(Msg::Event(event));
    }
}

/// Types text into whatever prompt has the keyboard.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let name = if c == ' ' {
            "space".to_owned()
        } else {
            c.to_string()
        };
        press(app, &[&name]);
    }
}

/// The open brief's screen.
pub fn brief_of(app: &App) -> &BriefScreen {
    app.brief().expect("a brief is open")
}

/// The screen as text, one line per row.
pub fn screen(app: &App) -> String {
    let size = app.shared().size;
    let mut terminal =
        Terminal::new(TestBackend::new(size.width, size.height)).expect("test backend");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw into test backend");
    terminal.backend().to_string()
}
