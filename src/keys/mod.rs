//! Keys and what they do: every [`Command`] a key can be bound to, in each
//! [`Context`]; the [`Action`]s the app reacts to; key names ([`Key`]) and
//! the [`Keymap`] from keys to commands, with its defaults in
//! `assets/keymap.toml`.
//!
//! The bottom layer of the interface: config and the app use it; it
//! knows nothing of the App, of config or of drawing.

mod command;
mod commands;
mod help;
mod key;
mod keymap;

pub use command::{Action, Command, CommandInfo, Context};
pub use commands::COMMANDS;
pub use help::help_rows;
pub use key::Key;
pub use keymap::{Keymap, KeymapError};
