//! The app without a terminal: keys pressed by name through the keymap, as
//! the event loop does, and the screen drawn into ratatui's TestBackend.

use std::path::Path;

use brief::app::msg::Scanned;
use brief::app::{App, BriefScreen, Loaded, Msg, Start, Startup};
use brief::config::Settings;
use brief::document::Brief;
use brief::keys::Key;
use brief::theme::Theme;
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

/// Starting `start` with the default settings and theme.
pub fn startup(start: Start) -> Startup {
    Startup {
        settings: Settings::default(),
        theme: Theme::default(),
        themes: Vec::new(),
        start,
    }
}

/// An app started as `startup` says, at a size, the effects of starting
/// (loads, scans) taken.
pub fn app_with(startup: Startup, width: u16, height: u16) -> App {
    let mut app = App::new(startup);
    app.take_effects();
    resize(&mut app, width, height);
    app
}

/// An app on a brief already loaded with its notes and where they go.
pub fn opened_at(loaded: Loaded, width: u16, height: u16) -> App {
    app_with(startup(Start::Opened(Box::new(loaded))), width, height)
}

/// The library of `dir` as the app shows it once the scan (done by the
/// test, as the runtime's worker would) comes back.
pub fn library_at(dir: &Path, scanned: Scanned, width: u16, height: u16) -> App {
    let mut app = app_with(startup(Start::Library(dir.to_path_buf())), width, height);
    app.update(Msg::Scanned(Ok(Box::new(scanned))));
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
