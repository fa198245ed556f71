//! The one table from keys to commands. The defaults live in
//! `assets/keymap.toml`; user bindings are merged over them. The help
//! overlay is generated from the same table, so it always tells the truth.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::action::{Action, Command};

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A key with its modifiers, normalised so that `G` and `shift-g` are one
/// binding and terminals that add SHIFT to capitals still match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::normalised(ev.code, ev.modifiers)
    }

    fn normalised(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                // The character already says whether shift was held.
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    /// Parses `j`, `G`, `ctrl-d`, `shift-tab`, `pagedown`, `f5`, `space`...
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() == len {
                break;
            }
            modifiers |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if modifiers.contains(KeyModifiers::SHIFT) {
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => {
                named_key(&rest.to_ascii_lowercase()).ok_or_else(|| format!("unknown key {s:?}"))?
            }
        };
        Ok(Key::normalised(code, modifiers))
    }
}

fn named_key(name: &str) -> Option<KeyCode> {
    Some(match name {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "minus" => KeyCode::Char('-'),
        "plus" => KeyCode::Char('+'),
        _ => {
            let n: u8 = name.strip_prefix('f')?.parse().ok()?;
            if !(1..=12).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        }
    })
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::Up => f.write_str("Up"),
            KeyCode::Down => f.write_str("Down"),
            KeyCode::Left => f.write_str("Left"),
            KeyCode::Right => f.write_str("Right"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            _ => f.write_str("?"),
        }
    }
}

/// A problem in a key-binding table, with enough context to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("unknown action {0:?}")]
    UnknownAction(String),
    #[error("{action}: {message}")]
    BadKey { action: String, message: String },
    #[error("key {key} is bound to both {first} and {second}")]
    Conflict {
        key: String,
        first: &'static str,
        second: &'static str,
    },
}

#[derive(Debug, Clone)]
pub struct Keymap {
    by_key: HashMap<Key, Command>,
    by_command: HashMap<Command, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        let table: toml::Table = DEFAULT_KEYMAP
            .parse()
            .expect("the bundled keymap is valid TOML (checked by tests)");
        let mut map = Keymap {
            by_key: HashMap::new(),
            by_command: HashMap::new(),
        };
        map.apply(&table)
            .expect("the bundled keymap has no conflicts (checked by tests)");
        map
    }
}

impl Keymap {
    /// Binds each action in `table` to the keys listed for it, replacing
    /// that action's previous keys. A key taken by another action is an
    /// error; the map is left as it was for that action.
    pub fn apply(&mut self, table: &toml::Table) -> Result<(), Vec<KeymapError>> {
        let mut errors = Vec::new();
        for (name, value) in table {
            let Some(command) = Command::from_name(name) else {
                errors.push(KeymapError::UnknownAction(name.clone()));
                continue;
            };
            let key_names: Vec<&str> = match value {
                toml::Value::String(s) => vec![s.as_str()],
                toml::Value::Array(items) => items.iter().filter_map(|v| v.as_str()).collect(),
                _ => {
                    errors.push(KeymapError::BadKey {
                        action: name.clone(),
                        message: "expected a key or a list of keys".into(),
                    });
                    continue;
                }
            };
            if let Err(e) = self.bind(command, &key_names) {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn bind(&mut self, command: Command, names: &[&str]) -> Result<(), KeymapError> {
        let mut keys = Vec::new();
        for name in names {
            let key = Key::parse(name).map_err(|message| KeymapError::BadKey {
                action: command.name().to_owned(),
                message,
            })?;
            if let Some(&other) = self.by_key.get(&key)
                && other != command
            {
                return Err(KeymapError::Conflict {
                    key: key.to_string(),
                    first: other.name(),
                    second: command.name(),
                });
            }
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        if let Some(old) = self.by_command.remove(&command) {
            for k in old {
                self.by_key.remove(&k);
            }
        }
        for &k in &keys {
            self.by_key.insert(k, command);
        }
        self.by_command.insert(command, keys);
        Ok(())
    }

    pub fn command_for(&self, key: &KeyEvent) -> Option<Command> {
        self.by_key.get(&Key::from_event(key)).copied()
    }

    /// The keys bound to a command, in the order they were listed.
    pub fn keys_for(&self, command: Command) -> &[Key] {
        self.by_command.get(&command).map_or(&[], Vec::as_slice)
    }

    /// The keys of a command as the help shows them: `j, Down`.
    pub fn label(&self, command: Command) -> String {
        let keys: Vec<String> = self.keys_for(command).iter().map(Key::to_string).collect();
        keys.join(", ")
    }

    /// The first key of a command, for hints in the status bar.
    pub fn hint(&self, command: Command) -> String {
        self.keys_for(command)
            .first()
            .map_or_else(|| "(unbound)".to_owned(), Key::to_string)
    }

    /// Turns a terminal event into an action. `text_input` is true when a
    /// prompt has the keyboard: keys then go to the prompt as typed.
    pub fn translate(&self, event: &Event, text_input: bool) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                // Auto-repeat (reported only by some terminals) acts like
                // another press.
                if text_input {
                    Some(Action::Key(*key))
                } else {
                    self.command_for(key).map(Action::Command)
                }
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Scroll {
                    column: m.column,
                    row: m.row,
                    lines: 3,
                }),
                MouseEventKind::ScrollUp => Some(Action::Scroll {
                    column: m.column,
                    row: m.row,
                    lines: -3,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                    column: m.column,
                    row: m.row,
                }),
                _ => None,
            },
            Event::Resize(width, height) => Some(Action::Resize {
                width: *width,
                height: *height,
            }),
            Event::Paste(text) if text_input => Some(Action::Paste(text.clone())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_keymap_loads_and_binds_every_command() {
        let map = Keymap::default();
        for c in crate::app::action::COMMANDS.iter().map(|i| i.command) {
            assert!(!map.keys_for(c).is_empty(), "{} has no key", c.name());
        }
    }

    #[test]
    fn capital_letters_match_with_or_without_shift() {
        let map = Keymap::default();
        let plain = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::NONE);
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.command_for(&plain), Some(Command::Bottom));
        assert_eq!(map.command_for(&shifted), Some(Command::Bottom));
    }

    #[test]
    fn key_names_parse_and_print() {
        assert_eq!(Key::parse("ctrl-d").unwrap().to_string(), "Ctrl-d");
        assert_eq!(Key::parse("shift-tab").unwrap().to_string(), "Shift-Tab");
        assert_eq!(Key::parse("space").unwrap().to_string(), "Space");
        assert_eq!(Key::parse("-").unwrap().to_string(), "-");
        assert!(Key::parse("ctrl-nosuchkey").is_err());
    }

    #[test]
    fn a_key_bound_twice_is_rejected() {
        let mut map = Keymap::default();
        let table: toml::Table = "next_section = [\"j\"]".parse().unwrap();
        let errors = map.apply(&table).unwrap_err();
        assert!(
            matches!(errors[0], KeymapError::Conflict { .. }),
            "{errors:?}"
        );
        assert_eq!(map.keys_for(Command::NextSection)[0].to_string(), "]");
    }

    #[test]
    fn rebinding_replaces_the_old_keys() {
        let mut map = Keymap::default();
        let table: toml::Table = "next_section = [\"ctrl-n\"]".parse().unwrap();
        map.apply(&table).unwrap();
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(map.command_for(&ctrl_n), Some(Command::NextSection));
        let bracket = KeyEvent::new(KeyCode::Char(']'), KeyModifiers::NONE);
        assert_eq!(map.command_for(&bracket), None);
    }
}
