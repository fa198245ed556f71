//! Writing the brief's notes to a file of the reader's choosing (`E`):
//! the path typed in the status line (the format follows its extension,
//! and the full path it will go to shows as it is typed), a question
//! before replacing a file, and the answer from the store worker.

use std::path::{Path, PathBuf};

use super::BriefScreen;
use super::overlay::{Confirm, ConfirmAction, Overlay};
use crate::app::msg::{Effect, ExportProblem};
use crate::app::prompt::Prompt;
use crate::app::shared::Shared;
use crate::config::Settings;
use crate::document::load::display_path;
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::notes::export::{self, Format};

/// What a file's extension asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// `.md`, `.csv`, `.json`: the notes as `brief notes --format` writes
    /// them.
    Rows(Format),
    /// `.toml`: a notes file as the data folder keeps them (it can be put
    /// back there).
    NotesFile,
}

impl ExportKind {
    /// The kind a file name asks for, or a message naming the ones known.
    pub fn of(path: &Path) -> Result<ExportKind, String> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        Ok(match ext.as_str() {
            "md" | "markdown" => ExportKind::Rows(Format::Markdown),
            "csv" => ExportKind::Rows(Format::Csv),
            "json" => ExportKind::Rows(Format::Json),
            "toml" => ExportKind::NotesFile,
            _ => {
                return Err("end the name with .md, .csv, .json or .toml".to_owned());
            }
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            ExportKind::Rows(Format::Markdown) => "Markdown",
            ExportKind::Rows(Format::Csv) => "CSV",
            ExportKind::Rows(Format::Json) => "JSON",
            ExportKind::Rows(Format::Toml) | ExportKind::NotesFile => "notes file, TOML",
        }
    }
}

/// Where a typed name goes: `~/` in the home folder, a relative name in
/// the folder brief was started in.
pub fn resolve(typed: &str, settings: &Settings) -> PathBuf {
    let typed = typed.trim();
    let home_rest = typed.strip_prefix("~/").or(typed.strip_prefix("~\\"));
    let path = match (home_rest, &settings.home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if typed == "~" => settings
            .home
            .clone()
            .unwrap_or_else(|| PathBuf::from(typed)),
        _ => PathBuf::from(typed),
    };
    match &settings.cwd {
        Some(cwd) if path.is_relative() => cwd.join(path),
        _ => path,
    }
}

impl BriefScreen {
    pub(super) fn ask_export_path(&mut self, cx: &mut Shared) {
        if self.notes.notes.is_empty() {
            cx.say("no notes to export");
            return;
        }
        let stem = self
            .source
            .as_deref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "brief".to_owned(), |s| s.to_string_lossy().into_owned());
        let mut prompt = Prompt::default();
        prompt.set_value(&format!("{}-notes.md", sanitize_line(&stem)));
        self.overlay = Overlay::Export(prompt);
    }

    /// Where the name typed in the export prompt goes and in what format,
    /// or why it cannot (shown as it is typed, before anything is written).
    pub fn export_target(&self, typed: &str, cx: &Shared) -> Result<(PathBuf, ExportKind), String> {
        let path = resolve(typed, &cx.settings);
        let kind = ExportKind::of(&path)?;
        Ok((path, kind))
    }

    pub(super) fn export_command(&mut self, c: Command, cx: &mut Shared) {
        let Overlay::Export(prompt) = &self.overlay else {
            return;
        };
        let typed = prompt.value().to_owned();
        match c {
            Command::Cancel => self.overlay = Overlay::None,
            Command::Submit if typed.trim().is_empty() => self.overlay = Overlay::None,
            Command::Submit => match self.export_target(&typed, cx) {
                Ok((path, _)) => {
                    self.overlay = Overlay::None;
                    self.export(path, false, cx);
                }
                // The prompt stays, with the name, to be mended.
                Err(why) => cx.error(why),
            },
            _ => {}
        }
    }

    /// Asks for the notes in memory to be written to `path`, in the format
    /// its extension names.
    pub(super) fn export(&mut self, path: PathBuf, overwrite: bool, cx: &mut Shared) {
        let Ok(kind) = ExportKind::of(&path) else {
            return;
        };
        let header = match &self.notes.home {
            crate::app::msg::NotesHome::File { header, .. } => header.clone(),
            _ => crate::notes::store::Header {
                title: self.brief.title.clone(),
                ..Default::default()
            },
        };
        let rendered = match kind {
            ExportKind::Rows(format) => {
                let mut rows = export::rows(
                    &self.brief.title,
                    &header.path,
                    Some(&self.brief),
                    &self.notes.notes,
                    &self.notes.placements,
                );
                // Colleagues' notes are signed in the export.
                for r in &mut rows {
                    r.colleague = self.notes.is_team_id(&r.id);
                }
                Some(export::render(&rows, format))
            }
            ExportKind::NotesFile => None,
        };
        let own = self.notes_file().map(std::path::Path::to_path_buf);
        cx.push(Effect::Export(crate::app::msg::ExportRequest {
            path,
            own,
            header,
            notes: self.notes.notes.clone(),
            rendered,
            overwrite,
        }));
    }

    /// Notes written to a file of the reader's choosing, or why not.
    pub fn exported(
        &mut self,
        path: PathBuf,
        count: usize,
        result: Result<(), ExportProblem>,
        cx: &mut Shared,
    ) {
        let shown = display_path(&path);
        match result {
            Ok(()) => {
                let kind = ExportKind::of(&path).map_or("", ExportKind::name);
                cx.say(format!("{count} note(s) written to {shown} ({kind})"));
            }
            Err(ExportProblem::Exists) => {
                self.overlay = Overlay::Confirm(Confirm {
                    question: format!("{shown} exists: replace it with the notes?"),
                    on_yes: ConfirmAction::ReplaceExport(path),
                });
            }
            Err(ExportProblem::Failed(e)) => cx.error(format!("export failed: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_format() {
        let kind = |p: &str| ExportKind::of(Path::new(p));
        assert_eq!(kind("a.md"), Ok(ExportKind::Rows(Format::Markdown)));
        assert_eq!(kind("a.CSV"), Ok(ExportKind::Rows(Format::Csv)));
        assert_eq!(kind("a.json"), Ok(ExportKind::Rows(Format::Json)));
        assert_eq!(kind("a.toml"), Ok(ExportKind::NotesFile));
        assert!(kind("a.txt").is_err());
        assert!(kind("notes").is_err());
    }

    #[test]
    fn relative_and_home_names_resolve_to_a_stated_folder() {
        let settings = Settings {
            cwd: Some(PathBuf::from("/work/here")),
            home: Some(PathBuf::from("/home/ana")),
            ..Settings::default()
        };
        assert_eq!(resolve("n.md", &settings), PathBuf::from("/work/here/n.md"));
        assert_eq!(
            resolve("~/n.md", &settings),
            PathBuf::from("/home/ana/n.md")
        );
        assert_eq!(resolve("/tmp/n.md", &settings), PathBuf::from("/tmp/n.md"));
    }
}
