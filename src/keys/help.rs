//! The help overlay's text, generated from the keymap so that it always
//! shows the bindings in effect. Plain lines: the ui draws them, the app
//! knows how far they scroll.

use super::{COMMANDS, CommandInfo, Keymap};

/// The help text as (style key, text) rows: group headings and bindings.
pub fn help_rows(keymap: &Keymap) -> Vec<(bool, String)> {
    let mut rows = Vec::new();
    let mut group = "";
    let label = |i: &CommandInfo| keymap.label_in(i.context, i.command);
    let key_width = COMMANDS
        .iter()
        .map(|i| label(i).chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    for info in COMMANDS {
        if info.group != group {
            if !group.is_empty() {
                rows.push((false, String::new()));
            }
            group = info.group;
            rows.push((true, group.to_owned()));
        }
        rows.push((
            false,
            format!("  {:<key_width$}  {}", label(info), info.describe),
        ));
    }
    rows.push((false, String::new()));
    rows.push((true, "Mouse".to_owned()));
    rows.push((
        false,
        "  wheel scrolls the pane under it; click opens a section or a block".to_owned(),
    ));
    rows
}
