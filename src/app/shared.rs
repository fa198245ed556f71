//! What every screen shares: the keymap, the theme, the settings, the
//! terminal size, the status line, the way back through links, the saves
//! in flight, and the effects asked for. A screen's update gets this as
//! `cx`; it is the only way a screen reaches beyond its own state.

use ratatui::layout::Rect;

use super::msg::{Effect, LoadRequest, Place};
use super::saves::Saves;
use super::status::Status;
use crate::config::Settings;
use crate::keys::{Command, Context, Keymap};
use crate::theme::Theme;

/// Where a screen asks the app to go.
#[derive(Debug, Clone, PartialEq)]
pub enum Nav {
    /// Load and open a brief.
    Open(LoadRequest),
    /// The library (with the brief just read selected).
    Library,
    /// Back to the open brief from the library.
    Brief,
}

#[derive(Debug)]
pub struct Shared {
    pub keymap: Keymap,
    pub theme: Theme,
    /// The themes `T` cycles through (adapted to the terminal).
    pub themes: Vec<Theme>,
    pub settings: Settings,
    pub size: Rect,
    pub status: Status,
    /// Places left by following links, newest last, for Backspace.
    pub history: Vec<Place>,
    pub saves: Saves,
    /// The terminal's cell size in pixels (pictures are laid out with
    /// it); a guess until the terminal says.
    pub cell_px: (u16, u16),
    effects: Vec<Effect>,
    nav: Option<Nav>,
}

impl Shared {
    pub fn new(settings: Settings, theme: Theme, themes: Vec<Theme>) -> Shared {
        Shared {
            keymap: settings.keymap.clone(),
            theme,
            themes,
            status: Status::new(settings.notice.clone()),
            settings,
            size: Rect::default(),
            history: Vec::new(),
            saves: Saves::default(),
            cell_px: crate::layout::DEFAULT_CELL,
            effects: Vec::new(),
            nav: None,
        }
    }

    pub fn push(&mut self, effect: Effect) {
        if matches!(effect, Effect::SaveState(_)) {
            self.saves.state_sent();
        }
        self.effects.push(effect);
    }

    /// Asks the app to go elsewhere once this update is done.
    pub fn go(&mut self, nav: Nav) {
        self.nav = Some(nav);
    }

    pub fn take_nav(&mut self) -> Option<Nav> {
        self.nav.take()
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// A line for the status bar until the next key.
    pub fn say(&mut self, text: impl Into<String>) {
        self.status.say(text.into(), false);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status.say(text.into(), true);
    }

    /// The first key of a command, for hints in messages.
    pub fn hint(&self, command: Command) -> String {
        self.keymap.hint(command)
    }

    /// The first key of a command in a context.
    pub fn hint_in(&self, context: Context, command: Command) -> String {
        self.keymap.hint_in(context, command)
    }

    /// Switches to the next theme in the list.
    pub fn cycle_theme(&mut self) {
        if self.themes.is_empty() {
            self.say("no other theme to switch to");
            return;
        }
        let next = crate::theme::cycle(&self.theme.name, &self.themes);
        self.say(format!("theme: {}", next.name));
        // Kept for next time (in the data folder).
        self.push(Effect::RememberTheme(next.name.clone()));
        self.theme = next;
    }
}
