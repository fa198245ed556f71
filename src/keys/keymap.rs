//! The one table from keys to commands. The defaults live in
//! `assets/keymap.toml`; user bindings are merged over them. The help
//! overlay is generated from the same table, so it always tells the truth.

use std::collections::HashMap;

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};

use super::command::{Action, Command};
use super::key::Key;

const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

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
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    #[test]
    fn bundled_keymap_loads_and_binds_every_command() {
        let map = Keymap::default();
        for c in crate::keys::COMMANDS.iter().map(|i| i.command) {
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
