//! The help overlay's text, generated from the keymap so that it always
//! shows the bindings in effect. Plain lines: the ui draws them, the app
//! knows how far they scroll.

use super::{COMMANDS, CommandInfo, Context, Keymap};
use crate::notes::{Kind, Stance};

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
    let mut in_editor = false;
    for info in COMMANDS {
        // The editor's own keys done: then the letters its picking keys
        // take and the keys that edit the text, which no binding names.
        if in_editor && info.context != Context::Editor {
            rows.extend(editor_rows(key_width));
        }
        in_editor = info.context == Context::Editor;
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
    if in_editor {
        rows.extend(editor_rows(key_width));
    }
    rows.push((false, String::new()));
    rows.push((true, "Mouse".to_owned()));
    rows.push((
        false,
        "  wheel scrolls the pane under it; click opens a section or a block".to_owned(),
    ));
    rows
}

/// The note editor's keys beyond its bindings: the letters after the kind
/// and stance keys, and the text area's editing keys (ratatui-textarea's
/// own; the editor's bindings above win where they clash).
fn editor_rows(key_width: usize) -> Vec<(bool, String)> {
    let letters = |pairs: Vec<(char, &str)>| {
        let keys: Vec<String> = pairs.iter().map(|(c, _)| c.to_string()).collect();
        let names: Vec<String> = pairs.iter().map(|(c, n)| format!("{c} {n}")).collect();
        (keys.join(" "), names.join(", "))
    };
    let kinds = letters(Kind::ALL.iter().map(|k| (k.key(), k.name())).collect());
    let stances = letters(Stance::ALL.iter().map(|s| (s.key(), s.name())).collect());
    let rows = [
        (
            kinds.0,
            format!("after the kind key: {}; x clears", kinds.1),
        ),
        (
            stances.0,
            format!("after the stance key: {}; x clears", stances.1),
        ),
        ("Enter".to_owned(), "a new line".to_owned()),
        ("Ctrl-u, Ctrl-r".to_owned(), "undo, redo".to_owned()),
        ("Alt-b, Alt-f".to_owned(), "a word back, forward".to_owned()),
        (
            "Home, End".to_owned(),
            "start, end of the line (also Ctrl-a, Ctrl-e)".to_owned(),
        ),
        ("Ctrl-w".to_owned(), "delete the word before".to_owned()),
        (
            "Alt-<, Alt->".to_owned(),
            "start, end of the note".to_owned(),
        ),
    ];
    rows.into_iter()
        .map(|(k, d)| (false, format!("  {k:<key_width$}  {d}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_the_editors_letters_and_editing_keys() {
        let rows: Vec<String> = help_rows(&Keymap::default())
            .into_iter()
            .map(|(_, r)| r)
            .collect();
        let editor = rows
            .iter()
            .position(|r| r == "In the note editor")
            .expect("an editor group");
        let after: Vec<&String> = rows[editor..]
            .iter()
            .take_while(|r| !r.is_empty())
            .collect();
        let text = after
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            text.contains("c claim") && text.contains("f fact-check"),
            "{text}"
        );
        assert!(text.contains("d disagree"), "{text}");
        assert!(text.contains("undo, redo"), "{text}");
    }
}
