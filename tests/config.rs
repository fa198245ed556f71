//! config.toml: defaults, every key, lenient reading (problems with file,
//! line and column; the rest applies), key rebinding as the reader sees it,
//! and `brief config`.

mod common;

use std::path::{Path, PathBuf};

use brief::app::{App, Startup};
use brief::commands::config::{default_file, show};
use brief::config::{Config, ConfigProblem, DIR_ENV, Origin, config_dir};
use brief::document::parse;
use brief::keys::{Action, COMMANDS, Command, Context, Key, Keymap};
use brief::theme::{ColorDepth, Theme};
use common::tui::{brief_of, press, screen};

const BRIEF: &str = include_str!("fixtures/ui-brief.md");

/// A config folder holding `config.toml` with `text`.
fn folder(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("config.toml"), text).expect("write config");
    dir
}

fn load(text: &str) -> (Config, Vec<ConfigProblem>, tempfile::TempDir) {
    let dir = folder(text);
    let (config, problems) = Config::load(Some(dir.path()));
    (config, problems, dir)
}

fn file_origin(dir: &Path, line: usize) -> Origin {
    Origin::File {
        path: dir.join("config.toml"),
        line,
    }
}

fn keys(keymap: &Keymap, command: Command) -> Vec<String> {
    keys_in(keymap, Context::Normal, command)
}

fn keys_in(keymap: &Keymap, context: Context, command: Command) -> Vec<String> {
    keymap
        .keys_in(context, command)
        .iter()
        .map(Key::to_string)
        .collect()
}

fn assert_default_values(config: &Config) {
    assert_eq!(config.theme, "default");
    assert_eq!(config.library, None);
    assert_eq!(config.reading_width, brief::config::READING_WIDTH);
    assert!(config.panes.outline);
    assert!(!config.panes.notes);
    assert!(config.mouse);
    assert_eq!(config.allowed_tags, None);
    let defaults = Keymap::default();
    for info in COMMANDS {
        assert_eq!(
            keys(&config.keymap, info.command),
            keys(&defaults, info.command),
            "{}",
            info.name
        );
    }
}

// ---------------------------------------------------------------------------
// Defaults and every key

#[test]
fn no_folder_or_no_file_gives_the_defaults() {
    let (config, problems) = Config::load(None);
    assert!(problems.is_empty());
    assert_default_values(&config);
    let empty = tempfile::tempdir().unwrap();
    let (config, problems) = Config::load(Some(empty.path()));
    assert!(problems.is_empty());
    assert_default_values(&config);
    assert_eq!(config.origin("theme"), &Origin::Default);
}

#[test]
fn every_key_applies_and_remembers_its_line() {
    let library = tempfile::tempdir().unwrap();
    let text = format!(
        "theme = \"light\"\n\
         library = {:?}\n\
         reading_width = 72\n\
         mouse = false\n\
         [panes]\n\
         outline = false\n\
         notes = true\n\
         [tags]\n\
         allowed = [\"energy\", \"sanctions\"]\n\
         [keys]\n\
         next_section = [\"ctrl-n\", \"]\"]\n\
         help = \"f1\"\n",
        library.path().display().to_string()
    );
    let (config, problems, dir) = load(&text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.theme, "light");
    assert_eq!(config.library.as_deref(), Some(library.path()));
    assert_eq!(config.reading_width, 72);
    assert!(!config.mouse);
    assert!(!config.panes.outline);
    assert!(config.panes.notes);
    assert_eq!(
        config.allowed_tags,
        Some(vec!["energy".to_owned(), "sanctions".to_owned()])
    );
    assert_eq!(keys(&config.keymap, Command::NextSection), ["Ctrl-n", "]"]);
    assert_eq!(keys(&config.keymap, Command::Help), ["F1"]);
    let d = dir.path();
    assert_eq!(config.origin("theme"), &file_origin(d, 1));
    assert_eq!(config.origin("library"), &file_origin(d, 2));
    assert_eq!(config.origin("reading_width"), &file_origin(d, 3));
    assert_eq!(config.origin("mouse"), &file_origin(d, 4));
    assert_eq!(config.origin("panes.outline"), &file_origin(d, 6));
    assert_eq!(config.origin("panes.notes"), &file_origin(d, 7));
    assert_eq!(config.origin("tags.allowed"), &file_origin(d, 9));
    assert_eq!(config.origin("keys.next_section"), &file_origin(d, 11));
    assert_eq!(config.origin("keys.help"), &file_origin(d, 12));
    assert_eq!(config.origin("keys.down"), &Origin::Default);
}

#[test]
fn a_relative_library_is_relative_to_the_config_folder() {
    let dir = folder("library = \"briefs\"\n");
    std::fs::create_dir(dir.path().join("briefs")).unwrap();
    let (config, problems) = Config::load(Some(dir.path()));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.library, Some(dir.path().join("briefs")));
}

#[test]
fn the_default_file_loads_to_the_defaults_with_no_problems() {
    let (config, problems, _dir) = load(Config::default_text());
    assert!(problems.is_empty(), "{problems:?}");
    assert_default_values(&config);
    assert_eq!(default_file(), Config::default_text());
}

/// The table a context's bindings go in: `[keys]`, `[keys.list]`, ...
fn keys_table(context: Context) -> String {
    match context.table() {
        Some(name) => format!("[keys.{name}]"),
        None => "[keys]".to_owned(),
    }
}

/// The lines of a config text under the table header `header`, up to the
/// next table.
fn under_table<'a>(text: &'a str, header: &str) -> Option<Vec<&'a str>> {
    let mut lines = text.lines().skip_while(|l| l.trim() != header);
    lines.next()?;
    Some(lines.take_while(|l| !l.starts_with('[')).collect())
}

#[test]
fn the_default_file_lists_every_action_with_its_keys() {
    let text = Config::default_text();
    let defaults = Keymap::default();
    for info in COMMANDS {
        // Each context's defaults are listed under its own table.
        let table = keys_table(info.context);
        let lines = under_table(text, &table).unwrap_or_else(|| panic!("no {table} in\n{text}"));
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("# {} = [", info.name)))
            .unwrap_or_else(|| panic!("{} missing under {table}", info.name));
        // The listed keys, uncommented, bind the same keys.
        let binding = line.trim_start_matches("# ").split("  #").next().unwrap();
        let (config, problems, _dir) = load(&format!("{table}\n{binding}\n"));
        assert!(problems.is_empty(), "{table} {binding}: {problems:?}");
        assert_eq!(
            keys_in(&config.keymap, info.context, info.command),
            keys_in(&defaults, info.context, info.command),
            "{table} {binding}"
        );
    }
}

// ---------------------------------------------------------------------------
// Problems are reported and ignored; the rest applies

#[test]
fn unknown_keys_and_bad_values_are_reported_with_their_place_and_ignored() {
    let text = "theme = \"light\"\n\
                reading-width = 80\n\
                reading_width = 10\n\
                mouse = \"yes\"\n\
                [panes]\n\
                outline = false\n\
                sidebar = true\n\
                [keys]\n\
                next_section = [\"ctrl-n\"]\n\
                nxt_section = [\"x\"]\n\
                prev_section = [\"ctrl-nosuch\"]\n";
    let (config, problems, dir) = load(text);
    let file = dir.path().join("config.toml");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let at =
        |line: usize, col: usize, start: &str| format!("{}:{line}:{col}: {start}", file.display());
    let expect = [
        at(
            2,
            1,
            "unknown key `reading-width`, ignored; did you mean `reading_width`?",
        ),
        at(
            3,
            17,
            "reading_width 10 is out of range: use 20-400; ignored",
        ),
        at(4, 9, "`mouse` must be true or false, found string; ignored"),
        at(7, 1, "unknown key `sidebar` in [panes], ignored"),
        at(
            10,
            1,
            "unknown key `nxt_section` in [keys] (not an action), ignored; did you mean `next_section`?",
        ),
        at(11, 17, "prev_section: unknown key \"ctrl-nosuch\""),
    ];
    assert_eq!(problems.len(), expect.len(), "{shown:#?}");
    for want in expect {
        assert!(
            shown.iter().any(|s| s.starts_with(&want)),
            "missing {want:?} in {shown:#?}"
        );
    }
    // The rest of the file applies.
    assert_eq!(config.theme, "light");
    assert!(!config.panes.outline);
    assert_eq!(keys(&config.keymap, Command::NextSection), ["Ctrl-n"]);
    // The bad values leave the defaults.
    assert_eq!(config.reading_width, brief::config::READING_WIDTH);
    assert!(config.mouse);
    assert_eq!(keys(&config.keymap, Command::PrevSection), ["["]);
}

#[test]
fn a_toml_syntax_error_ignores_its_line_and_the_rest_applies() {
    let (config, problems, dir) = load("theme = \"light\"\nreading_width = \nmouse = false\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].file, dir.path().join("config.toml"));
    assert_eq!(problems[0].line, 2);
    assert!(problems[0].column > 0);
    assert!(
        problems[0]
            .message
            .ends_with("that line is ignored, the rest applies"),
        "{}",
        problems[0]
    );
    assert_eq!(config.theme, "light");
    assert!(!config.mouse);
    assert_eq!(config.reading_width, brief::config::READING_WIDTH);
}

#[test]
fn a_toml_syntax_error_in_a_table_ignores_that_table_only() {
    let text = "theme = \"light\"\n\n[keys]\nnext_section = [\"ctrl-n\"\nprev_section = [\"ctrl-b\"]\n\n\
                [panes]\noutline = false\n\n[tags]\nallowed = [\"a\" \"b\"]\n";
    let (config, problems, _dir) = load(text);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0]
            .message
            .ends_with("the table [keys] is ignored, the rest applies"),
        "{}",
        problems[0]
    );
    assert!(problems[0].line >= 4, "{}", problems[0]);
    assert!(
        problems[1].message.contains("the table [tags] is ignored"),
        "{}",
        problems[1]
    );
    assert_eq!(problems[1].line, 11, "{}", problems[1]);
    // The tables that parse apply; the broken one keeps the defaults.
    assert_eq!(config.theme, "light");
    assert!(!config.panes.outline);
    assert_eq!(keys(&config.keymap, Command::NextSection), ["]"]);
    assert_eq!(config.allowed_tags, None);
}

#[test]
fn a_file_that_is_nothing_but_an_error_keeps_the_defaults() {
    let (config, problems, _dir) = load("[keys\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_default_values(&config);
}

#[test]
fn a_ctrl_shift_letter_binding_is_reported_not_taken_as_ctrl_letter() {
    let (config, problems, _dir) = load("[keys]\nquit = [\"ctrl-shift-q\"]\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("ctrl-q"), "{}", problems[0]);
    assert_eq!(problems[0].line, 2);
    assert_eq!(keys(&config.keymap, Command::Quit), ["q", "Ctrl-c"]);
}

#[test]
fn a_key_taken_by_another_action_is_reported_and_the_old_keys_stay() {
    let (config, problems, dir) = load("[keys]\nnext_section = [\"j\"]\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].to_string(),
        format!(
            "{}:2:1: key j is bound to both down and next_section; ignored, keeping ]",
            dir.path().join("config.toml").display()
        )
    );
    assert_eq!(keys(&config.keymap, Command::NextSection), ["]"]);
    assert_eq!(keys(&config.keymap, Command::Down), ["j", "Down"]);
}

#[test]
fn a_bad_key_in_a_list_is_left_out_and_the_others_apply() {
    let (config, problems, _dir) = load("[keys]\ndown = [\"J\", \"ctrl-zz\"]\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .message
            .contains("that key is left out, the others apply"),
        "{}",
        problems[0]
    );
    assert_eq!(keys(&config.keymap, Command::Down), ["J"]);
    // Only bad keys: the action keeps the keys it had.
    let (config, problems, _dir) = load("[keys]\ndown = [\"ctrl-zz\"]\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(keys(&config.keymap, Command::Down), ["j", "Down"]);
}

#[test]
fn keys_can_be_swapped_between_actions() {
    let (config, problems, _dir) = load("[keys]\nup = [\"j\"]\ndown = [\"k\"]\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(keys(&config.keymap, Command::Up), ["j"]);
    assert_eq!(keys(&config.keymap, Command::Down), ["k"]);
}

#[test]
fn quit_cannot_be_left_without_a_key() {
    let (config, problems, _dir) = load("[keys]\nquit = []\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("quit needs at least one key"));
    assert_eq!(keys(&config.keymap, Command::Quit), ["q", "Ctrl-c"]);
}

#[test]
fn a_missing_library_folder_is_reported_and_ignored() {
    let (config, problems, _dir) = load("library = \"/no/such/folder/anywhere\"\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].line, problems[0].column), (1, 11));
    assert_eq!(config.library, None);
}

// ---------------------------------------------------------------------------
// The config in the app

fn app_with(config: &Config) -> App {
    let mut startup = Startup::brief(parse(BRIEF, "ui-brief"));
    startup.settings = config.settings(None, &[]);
    let mut app = App::new(startup);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    app
}

fn section(app: &App) -> usize {
    brief_of(app).reader.section
}

#[test]
fn a_rebinding_changes_what_the_key_does() {
    let (config, problems, _dir) = load("[keys]\nnext_section = [\"ctrl-n\"]\n");
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = app_with(&config);
    let start = section(&app);
    press(&mut app, &["]"]);
    assert_eq!(section(&app), start, "] no longer moves");
    press(&mut app, &["ctrl-n"]);
    assert_ne!(section(&app), start, "ctrl-n moves to the next section");
}

#[test]
fn a_rebinding_shows_in_the_help() {
    let (config, _, _dir) = load("[keys]\nnext_section = [\"ctrl-n\"]\n");
    let mut app = app_with(&config);
    press(&mut app, &["?"]);
    let help = screen(&app);
    let line = help
        .lines()
        .find(|l| l.contains("next section"))
        .expect("the help lists next section");
    assert!(line.contains("Ctrl-n"), "{line}");
    assert!(!line.contains(']'), "{line}");
}

#[test]
fn panes_width_and_tags_reach_the_app() {
    let (config, _, _dir) =
        load("reading_width = 60\n[panes]\nnotes = true\n[tags]\nallowed = [\"energy\"]\n");
    let app = app_with(&config);
    let s = brief_of(&app);
    assert!(s.shown.notes);
    assert!(s.panes.notes.is_some(), "the notes pane shows at start");
    let settings = &app.shared().settings;
    assert_eq!(settings.reading_width, 60);
    assert_eq!(settings.allowed_tags, Some(vec!["energy".to_owned()]));
}

#[test]
fn the_configured_theme_loads_and_a_bad_one_falls_back() {
    let (config, _, _dir) = load("theme = \"light\"\n");
    let (theme, warning) = config.theme(ColorDepth::TrueColor);
    assert_eq!(theme.name, "light");
    assert_eq!(warning, None);
    let (config, _, _dir) = load("theme = \"nosuch\"\n");
    let (theme, warning) = config.theme(ColorDepth::TrueColor);
    assert_eq!(theme, Theme::dark());
    assert!(warning.unwrap().contains("no theme named \"nosuch\""));
}

#[test]
fn themes_in_the_config_folder_are_found() {
    let dir = folder("theme = \"mine\"\n");
    std::fs::create_dir(dir.path().join("themes")).unwrap();
    std::fs::write(
        dir.path().join("themes/mine.toml"),
        "extends = \"default\"\n[styles]\ncursor = \"red\"\n",
    )
    .unwrap();
    let (config, _) = Config::load(Some(dir.path()));
    let (theme, warning) = config.theme(ColorDepth::Ansi16);
    assert_eq!(warning, None);
    assert_eq!(theme.cursor.fg, Some(ratatui::style::Color::Red));
    let (themes, errors) = config.themes(ColorDepth::Ansi16);
    assert!(errors.is_empty());
    assert!(themes.iter().any(|t| t.name == "mine"));
}

// ---------------------------------------------------------------------------
// Where the folder is, and `brief config`

#[test]
fn brief_config_dir_overrides_the_config_folder() {
    let found = config_dir(|name| (name == DIR_ENV).then(|| "/tmp/brief-config".to_owned()));
    let found = found.expect("a folder");
    assert_eq!(found.path, PathBuf::from("/tmp/brief-config"));
    assert_eq!(found.origin, Origin::Env(DIR_ENV.to_owned()));
    // An empty variable does not count.
    if let Some(found) = config_dir(|name| (name == DIR_ENV).then(String::new)) {
        assert_eq!(found.origin, Origin::Default);
    }
}

#[test]
fn brief_config_shows_each_value_and_where_it_came_from() {
    let (mut config, problems, dir) = load("theme = \"light\"\nmouse = 3\n[keys]\ncite = \"Y\"\n");
    config.set_theme("sepia", Origin::CommandLine("--theme".into()));
    let out = show(&config, &problems);
    let file = dir.path().join("config.toml");
    assert!(
        out.contains(&format!("# config file: {}", file.display())),
        "{out}"
    );
    assert!(
        out.contains("#   ") && out.contains(":2:9: `mouse` must be true or false"),
        "{out}"
    );
    let line = |start: &str| {
        out.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start:?} in\n{out}"))
            .to_owned()
    };
    assert!(line("theme = \"sepia\"").ends_with("# command line (--theme)"));
    assert!(line("reading_width = 100").ends_with("# default"));
    assert!(line("mouse = true").ends_with("# default"));
    assert!(line("cite = [\"Y\"]").ends_with(&format!("# {}:4", file.display())));
    assert!(line("down = [\"j\", \"down\"]").ends_with("# default"));
    assert!(
        out.contains("\n[panes]\n") && out.contains("\n[keys]\n"),
        "{out}"
    );
}

#[test]
fn brief_config_output_is_itself_a_valid_config() {
    let (config, problems, _dir) = load(
        "reading_width = 80\n[keys]\npage_down = [\"space\", \"ctrl-f\"]\n\
         [keys.list]\nopen_outside = [\"ctrl-x\"]\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let out = show(&config, &[]);
    let (again, problems, _dir2) = load(&out);
    assert!(problems.is_empty(), "{problems:?}\n{out}");
    assert_eq!(again.reading_width, 80);
    assert_eq!(keys(&again.keymap, Command::PageDown), ["Space", "Ctrl-f"]);
    assert_eq!(
        keys_in(&again.keymap, Context::List, Command::OpenOutside),
        ["Ctrl-x"],
        "{out}"
    );
    // Every binding in every context comes back as it was.
    for info in COMMANDS {
        assert_eq!(
            keys_in(&again.keymap, info.context, info.command),
            keys_in(&config.keymap, info.context, info.command),
            "{} in {:?}:\n{out}",
            info.name,
            info.context
        );
    }
}

#[test]
fn team_settings_are_read_and_bad_values_reported() {
    let (config, problems, dir) =
        load("[team]\nfolder = \"desk\"\nauthor = \"Dana Reyes\"\nshare_new = true\ncolour = 1\n");
    let team = config.team().expect("a team folder");
    assert_eq!(
        team.folder,
        dir.path().join("desk"),
        "relative to the config folder"
    );
    assert_eq!(team.author, "Dana Reyes");
    assert!(team.share_new);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .message
            .contains("unknown key `colour` in [team]")
    );
    let (config, problems, _dir) = load("[team]\nfolder = 3\nshare_new = \"yes\"\n");
    assert!(config.team().is_none());
    assert_eq!(problems.len(), 2, "{problems:?}");
    // Without [team], nothing changes: no team folder.
    assert!(load("").0.team().is_none());
}
