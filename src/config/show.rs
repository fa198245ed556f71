//! What `brief config` shows: every setting with its effective value and
//! origin, and the commented config file that loads to the defaults.

use std::sync::OnceLock;

use crate::keys::{COMMANDS, Context, Keymap};

use super::{Config, Origin, key_name};

impl Config {
    /// A commented config file that loads to the defaults: what
    /// `brief config --default` prints.
    pub fn default_text() -> &'static str {
        static TEXT: OnceLock<String> = OnceLock::new();
        TEXT.get_or_init(default_file_text)
    }

    /// Every setting with its effective value (as TOML) and origin, grouped
    /// by table (`""` for the top level), in the order config.toml has them.
    pub fn shown_settings(&self) -> Vec<Setting> {
        let mut out = Vec::new();
        let mut push = |table: &'static str, key: &str, value: String| {
            let path = if table.is_empty() {
                key.to_owned()
            } else {
                format!("{table}.{key}")
            };
            let origin = self.origin(&path).clone();
            out.push(Setting {
                table,
                key: key.to_owned(),
                value,
                origin,
            });
        };
        push("", "theme", toml_string(&self.theme));
        let library = self.library.as_ref().map(|p| p.display().to_string());
        push(
            "",
            "library",
            library.map_or("(none)".into(), |l| toml_string(&l)),
        );
        push("", "reading_width", self.reading_width.to_string());
        push("", "mouse", self.mouse.to_string());
        push("", "images", self.images.to_string());
        push("panes", "outline", self.panes.outline.to_string());
        push("panes", "notes", self.panes.notes.to_string());
        let allowed = self.allowed_tags.as_deref().map(|t| toml_list(t.iter()));
        push(
            "tags",
            "allowed",
            allowed.unwrap_or_else(|| "(any tag)".into()),
        );
        let folder = self.team_folder.as_ref().map(|p| p.display().to_string());
        push(
            "team",
            "folder",
            folder.map_or("(none)".into(), |f| toml_string(&f)),
        );
        let author = self.author.clone().map_or_else(
            || format!("(default: {})", toml_string(&self.default_author())),
            |a| toml_string(&a),
        );
        push("team", "author", author);
        push("team", "share_new", self.share_new.to_string());
        for info in COMMANDS {
            let keys = self.keymap.keys_in(info.context, info.command);
            push(
                keys_table(info.context),
                info.name,
                toml_list(keys.iter().map(key_name)),
            );
        }
        out
    }
}

/// One effective setting, for `brief config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The TOML table it is in; `""` for the top level.
    pub table: &'static str,
    pub key: String,
    /// The value as TOML, or a note in parentheses when unset.
    pub value: String,
    pub origin: Origin,
}

/// The table a context's bindings are under in config.toml.
fn keys_table(context: Context) -> &'static str {
    match context {
        Context::Normal => "keys",
        Context::List => "keys.list",
        Context::Prompt => "keys.prompt",
        Context::Editor => "keys.editor",
        Context::Confirm => "keys.confirm",
    }
}

/// What a context's table is for, as config.toml's comment says it.
fn context_comment(context: Context) -> &'static str {
    match context {
        Context::Normal => "",
        Context::List => {
            "# In lists with a filter line (the jump popup, pickers, the library's\n\
             # search and notes); other keys type into the filter.\n"
        }
        Context::Prompt => {
            "# In a line being typed (search, tags, the export path, a tag's new\n\
             # name, the notes filter); other keys edit the line.\n"
        }
        Context::Editor => "# In the note editor; other keys edit the note.\n",
        Context::Confirm => "# In a yes/no question; any other key is no.\n",
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn toml_list<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    let items: Vec<String> = items.map(|s| toml_string(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

const DEFAULT_HEAD: &str = r#"# brief configuration.
#
# brief reads config.toml in its config folder: `brief config` prints where
# that is and the settings in effect (BRIEF_CONFIG_DIR overrides the folder).
# Every setting is optional; the values below are the defaults. An unknown
# key or a bad value is reported with its line and column and ignored: the
# rest of the file still applies.

# The colour theme: a bundled one (`brief themes` lists them) or a file in
# the config folder's themes/ (its name without .toml). `T` cycles themes.
theme = "default"

# The folder of briefs for the library: `~` is your home folder; a relative
# path is relative to the config folder.
# library = "~/briefs"

# The widest the text column grows, in cells (20-400).
reading_width = 100

# The mouse: the wheel scrolls, a click opens. false leaves the terminal's
# own text selection alone.
mouse = true

# Pictures in briefs (local files only) drawn in the text; `I` turns them
# on and off while reading. false shows each as its [image: alt] line.
images = true

# The panes shown at start (m and Tab show and focus them later).
[panes]
outline = true
notes = false

# A controlled tag vocabulary: tags not in it are flagged when typed.
[tags]
# allowed = ["energy", "sanctions", "follow-up"]

# Team notes: a folder the team syncs (a git clone, a shared drive). S
# shares a note there; colleagues' shared notes show in the reader. author
# defaults to git's user.name (read from ~/.gitconfig), else the login name.
[team]
# folder = "~/desk-notes"
# author = "Dana Smith"
# share_new = false

# Key bindings: every action takes a key or a list of keys. A key is a
# character ("j", "G", "?") or a name (enter, esc, tab, backtab, space,
# backspace, delete, up, down, left, right, home, end, pageup, pagedown,
# f1-f12), optionally with ctrl-, alt- or shift- in front. A key may be bound
# to one action only in each table: to move a key, rebind both actions. The
# reading keys, then the keys of popups and prompts, with the defaults
# (uncomment a line to change it):
[keys]
"#;

fn default_file_text() -> String {
    let keymap = Keymap::default();
    let rows: Vec<(Context, String, &str)> = COMMANDS
        .iter()
        .map(|info| {
            let keys = keymap.keys_in(info.context, info.command);
            let binding = format!("# {} = {}", info.name, toml_list(keys.iter().map(key_name)));
            (info.context, binding, info.describe)
        })
        .collect();
    let width = rows
        .iter()
        .map(|(_, s, _)| s.chars().count())
        .max()
        .unwrap_or(0);
    let mut text = DEFAULT_HEAD.to_owned();
    let mut table = Context::Normal;
    for (context, binding, describe) in rows {
        if context != table {
            table = context;
            text.push('\n');
            text.push_str(context_comment(context));
            text.push_str(&format!("[{}]\n", keys_table(context)));
        }
        text.push_str(&format!("{binding:<width$}  # {describe}\n"));
    }
    text
}
