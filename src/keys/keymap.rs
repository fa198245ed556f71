//! The one table from keys to commands. The defaults live in
//! `assets/keymap.toml`; user bindings are merged over them. The help
//! overlay is generated from the same table, so it always tells the truth.

use std::collections::HashMap;

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};

use super::command::{Action, Command, CommandInfo, Context};
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
    by_key: HashMap<(Context, Key), Command>,
    by_command: HashMap<(Context, Command), Vec<Key>>,
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
    /// that action's previous keys; a sub-table named for a context
    /// (`[list]`, `[prompt]`, `[editor]`, `[confirm]`) binds in that
    /// context. A key taken by another action of the same context is an
    /// error; the map is left as it was for that action.
    pub fn apply(&mut self, table: &toml::Table) -> Result<(), Vec<KeymapError>> {
        let mut errors = Vec::new();
        for (name, value) in table {
            match (Context::from_table(name), value) {
                (Some(context), toml::Value::Table(inner)) => {
                    for (name, value) in inner {
                        self.apply_one(context, name, value, &mut errors);
                    }
                }
                _ => self.apply_one(Context::Normal, name, value, &mut errors),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn apply_one(
        &mut self,
        context: Context,
        name: &str,
        value: &toml::Value,
        errors: &mut Vec<KeymapError>,
    ) {
        let Some(info) = CommandInfo::named(context, name) else {
            errors.push(KeymapError::UnknownAction(qualified(context, name)));
            return;
        };
        let key_names: Vec<&str> = match value {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(items) => items.iter().filter_map(|v| v.as_str()).collect(),
            _ => {
                errors.push(KeymapError::BadKey {
                    action: qualified(context, name),
                    message: "expected a key or a list of keys".into(),
                });
                return;
            }
        };
        if let Err(e) = self.bind(info, &key_names) {
            errors.push(e);
        }
    }

    fn bind(&mut self, info: &CommandInfo, names: &[&str]) -> Result<(), KeymapError> {
        let (context, command) = (info.context, info.command);
        let mut keys = Vec::new();
        for name in names {
            let key = Key::parse(name).map_err(|message| KeymapError::BadKey {
                action: qualified(context, info.name),
                message,
            })?;
            if let Some(&other) = self.by_key.get(&(context, key))
                && other != command
            {
                let other = CommandInfo::of(context, other).map_or("?", |i| i.name);
                return Err(KeymapError::Conflict {
                    key: key.to_string(),
                    first: other,
                    second: info.name,
                });
            }
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        if let Some(old) = self.by_command.remove(&(context, command)) {
            for k in old {
                self.by_key.remove(&(context, k));
            }
        }
        for &k in &keys {
            self.by_key.insert((context, k), command);
        }
        self.by_command.insert((context, command), keys);
        Ok(())
    }

    /// The reading command of a key.
    pub fn command_for(&self, key: &KeyEvent) -> Option<Command> {
        self.command_in(Context::Normal, key)
    }

    /// The command of a key in a context.
    pub fn command_in(&self, context: Context, key: &KeyEvent) -> Option<Command> {
        self.by_key.get(&(context, Key::from_event(key))).copied()
    }

    /// The keys bound to a reading command, in the order they were listed.
    pub fn keys_for(&self, command: Command) -> &[Key] {
        self.keys_in(Context::Normal, command)
    }

    pub fn keys_in(&self, context: Context, command: Command) -> &[Key] {
        self.by_command
            .get(&(context, command))
            .map_or(&[], Vec::as_slice)
    }

    pub fn label_in(&self, context: Context, command: Command) -> String {
        let keys: Vec<String> = self
            .keys_in(context, command)
            .iter()
            .map(Key::to_string)
            .collect();
        keys.join(", ")
    }

    /// The first key of a reading command, for hints in the status bar.
    pub fn hint(&self, command: Command) -> String {
        self.hint_in(Context::Normal, command)
    }

    pub fn hint_in(&self, context: Context, command: Command) -> String {
        self.keys_in(context, command)
            .first()
            .map_or_else(|| "(unbound)".to_owned(), Key::to_string)
    }

    /// Turns a terminal event into an action for whoever has the keyboard.
    /// In a context that takes text, a key it does not bind is typed text.
    pub fn translate(&self, event: &Event, context: Context) -> Option<Action> {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                // Auto-repeat (reported only by some terminals) acts like
                // another press.
                // Suspending works whoever has the keyboard: a prompt must
                // not take Ctrl-z as text.
                let suspend = self.command_in(Context::Normal, key) == Some(Command::Suspend);
                match self.command_in(context, key) {
                    _ if suspend => Some(Action::Command(Command::Suspend)),
                    Some(c) => Some(Action::Command(c)),
                    None if context.takes_text() => Some(Action::Key(*key)),
                    None => None,
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
            Event::Paste(text) if context.takes_text() => Some(Action::Paste(text.clone())),
            _ => None,
        }
    }
}

/// `down`, or `list.down` for a binding of another context.
fn qualified(context: Context, name: &str) -> String {
    match context.table() {
        Some(table) => format!("{table}.{name}"),
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;

    #[test]
    fn bundled_keymap_loads_and_binds_every_command() {
        let map = Keymap::default();
        for info in crate::keys::COMMANDS {
            let keys = map.keys_in(info.context, info.command);
            assert!(
                !keys.is_empty(),
                "{:?} {} has no key",
                info.context,
                info.name
            );
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

    #[test]
    fn contexts_bind_the_same_key_to_different_commands() {
        let map = Keymap::default();
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(map.command_in(Context::Normal, &enter), Some(Command::Open));
        assert_eq!(
            map.command_in(Context::Prompt, &enter),
            Some(Command::Submit)
        );
        let j = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        assert_eq!(
            map.translate(&j, Context::Normal),
            Some(Action::Command(Command::Down))
        );
        assert!(matches!(
            map.translate(&j, Context::List),
            Some(Action::Key(_))
        ));
    }

    #[test]
    fn a_context_binding_is_rebound_in_its_own_table() {
        let mut map = Keymap::default();
        let table: toml::Table = "[editor]\nsave = [\"ctrl-w\"]".parse().unwrap();
        map.apply(&table).unwrap();
        let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(
            map.command_in(Context::Editor, &ctrl_w),
            Some(Command::SaveNote)
        );
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(map.command_in(Context::Editor, &ctrl_s), None);
        assert_eq!(map.command_for(&ctrl_w), None, "reading keys are apart");
    }
}
