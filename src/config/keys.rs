//! The `[keys]` table: key names as config files write them, and rebinding
//! actions without losing a key when a binding is refused.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::keys::{COMMANDS, Command, CommandInfo, Context, Key, Keymap};

use super::Config;
use toml::de::DeValue;

use super::file::{Reader, Spot};

/// A key as config files write it: `j`, `G`, `ctrl-d`, `pagedown`, `space`.
pub fn key_name(key: &Key) -> String {
    let mut name = String::new();
    for (m, prefix) in [
        (KeyModifiers::CONTROL, "ctrl-"),
        (KeyModifiers::ALT, "alt-"),
        (KeyModifiers::SHIFT, "shift-"),
    ] {
        if key.modifiers.contains(m) {
            name.push_str(prefix);
        }
    }
    match key.code {
        KeyCode::Char(' ') => name.push_str("space"),
        KeyCode::Char(c) => name.push(c),
        KeyCode::PageUp => name.push_str("pageup"),
        KeyCode::PageDown => name.push_str("pagedown"),
        KeyCode::BackTab => name.push_str("backtab"),
        code => {
            let bare = Key {
                code,
                modifiers: KeyModifiers::NONE,
            };
            name.push_str(&bare.to_string().to_ascii_lowercase());
        }
    }
    name
}
impl Reader<'_> {
    /// `[keys]`: each action's new keys, and `[keys.list]`, `[keys.prompt]`,
    /// `[keys.editor]`, `[keys.confirm]` for the popups' own bindings. Every
    /// action named is unbound first, so keys can be swapped (`up = ["j"]`,
    /// `down = ["k"]`); an action whose keys cannot be bound keeps its old
    /// ones.
    pub(super) fn keys(&mut self, config: &mut Config, value: Spot<'_>) {
        let Some(table) = self.table("keys", value) else {
            return;
        };
        let mut entries: Vec<(usize, &'static CommandInfo, Vec<String>)> = Vec::new();
        for (key, v) in table {
            let name = key.get_ref().as_ref();
            match Context::from_table(name) {
                Some(context) => {
                    let Some(inner) = self.table(&format!("keys.{name}"), v) else {
                        continue;
                    };
                    for (key, v) in inner {
                        self.entry(context, key, v, &mut entries);
                    }
                }
                None => self.entry(Context::Normal, key, v, &mut entries),
            }
        }
        entries.sort_by_key(|(at, _, _)| *at);
        let old: Vec<Vec<Key>> = entries
            .iter()
            .map(|(_, i, _)| config.keymap.keys_in(i.context, i.command).to_vec())
            .collect();
        for (_, info, _) in &entries {
            let _ = config.keymap.apply(&binding(info, &[]));
        }
        for ((at, info, keys), old) in entries.iter().zip(old) {
            let result = match config.keymap.apply(&binding(info, keys)) {
                Err(errors) => Err(errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")),
                Ok(()) if info.command == Command::Quit && keys.is_empty() => {
                    Err("quit needs at least one key".to_owned())
                }
                Ok(()) => Ok(()),
            };
            let name = setting(info);
            match result {
                Ok(()) => {
                    let origin = self.origin(*at);
                    config.set_origin(&format!("keys.{name}"), origin);
                }
                Err(why) => {
                    restore(&mut config.keymap, info, &old);
                    let kept = config.keymap.label_in(info.context, info.command);
                    self.problem(*at, format!("{why}; ignored, keeping {kept}"));
                }
            }
        }
    }

    /// One `action = [keys]` line of a context's table.
    fn entry(
        &mut self,
        context: Context,
        key: &toml::Spanned<std::borrow::Cow<'_, str>>,
        v: Spot<'_>,
        entries: &mut Vec<(usize, &'static CommandInfo, Vec<String>)>,
    ) {
        let name = key.get_ref().as_ref();
        let Some(info) = CommandInfo::named(context, name) else {
            let mut names: Vec<&str> = COMMANDS
                .iter()
                .filter(|c| c.context == context)
                .map(|c| c.name)
                .collect();
            if context == Context::Normal {
                names.extend(Context::ALL.iter().filter_map(|c| c.table()));
            }
            let within = match context.table() {
                Some(t) => format!(" in [keys.{t}] (not an action there)"),
                None => " in [keys] (not an action)".to_owned(),
            };
            self.unknown(key, &within, &names);
            return;
        };
        if let Some(keys) = self.key_list(&setting(info), v) {
            entries.push((key.span().start, info, keys));
        }
    }

    /// The key names of one `[keys]` entry, each checked: a bad one is
    /// reported and left out, the others apply. None when none is good
    /// (the action then keeps its keys).
    fn key_list(&mut self, action: &str, value: Spot<'_>) -> Option<Vec<String>> {
        let items: Vec<Spot<'_>> = match value.get_ref() {
            DeValue::String(_) => vec![value],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                self.wrong_type(&format!("keys.{action}"), value, "a key or a list of keys");
                return None;
            }
        };
        let given = items.len();
        let mut keys = Vec::new();
        for item in items {
            let DeValue::String(s) = item.get_ref() else {
                self.wrong_type(&format!("keys.{action}"), item, "a list of key names");
                continue;
            };
            if let Err(e) = Key::parse(s) {
                let rest = if given > 1 {
                    "that key is left out, the others apply"
                } else {
                    "ignored"
                };
                let message = format!("{action}: {e}; {rest} (see `brief config --default`)");
                self.problem(item.span().start, message);
                continue;
            }
            keys.push(s.to_string());
        }
        // An empty list on purpose unbinds; a list of only bad keys keeps
        // the action's keys.
        (given == 0 || !keys.is_empty()).then_some(keys)
    }
}

/// The setting's name as `brief config` shows it: `down`, `list.down`.
fn setting(info: &CommandInfo) -> String {
    match info.context.table() {
        Some(t) => format!("{t}.{}", info.name),
        None => info.name.to_owned(),
    }
}

/// A key-binding table that binds one action of a context.
fn binding(info: &CommandInfo, keys: &[String]) -> toml::Table {
    let list = keys.iter().cloned().map(toml::Value::String).collect();
    let mut table = toml::Table::new();
    table.insert(info.name.to_owned(), toml::Value::Array(list));
    match info.context.table() {
        Some(name) => {
            let mut outer = toml::Table::new();
            outer.insert(name.to_owned(), toml::Value::Table(table));
            outer
        }
        None => table,
    }
}

/// Gives a command back those of its old keys nothing else has taken.
fn restore(keymap: &mut Keymap, info: &CommandInfo, old: &[Key]) {
    let free: Vec<String> = old
        .iter()
        .filter(|k| {
            let event = KeyEvent::new(k.code, k.modifiers);
            keymap
                .command_in(info.context, &event)
                .is_none_or(|c| c == info.command)
        })
        .map(key_name)
        .collect();
    let _ = keymap.apply(&binding(info, &free));
}
