//! Writing the brief's notes to a file of the reader's choosing (`E`):
//! the path typed in the status line, a question before replacing a file,
//! and the answer from the store worker.

use super::BriefScreen;
use super::overlay::{Confirm, ConfirmAction, Overlay};
use crate::app::msg::{Effect, ExportProblem};
use crate::app::prompt::Prompt;
use crate::app::shared::Shared;
use crate::document::load::display_path;
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;

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
        prompt.set_value(&format!("{}-notes.toml", sanitize_line(&stem)));
        self.overlay = Overlay::Export(prompt);
    }

    pub(super) fn export_command(&mut self, c: Command, cx: &mut Shared) {
        let Overlay::Export(prompt) = &mut self.overlay else {
            return;
        };
        match c {
            Command::Cancel => self.overlay = Overlay::None,
            Command::Submit => {
                let path = std::path::PathBuf::from(prompt.value().trim());
                self.overlay = Overlay::None;
                if !path.as_os_str().is_empty() {
                    self.export(path, false, cx);
                }
            }
            _ => {}
        }
    }

    /// Asks for the notes in memory to be written to `path`.
    pub(super) fn export(&mut self, path: std::path::PathBuf, overwrite: bool, cx: &mut Shared) {
        let header = match &self.notes.home {
            crate::app::msg::NotesHome::File { header, .. } => header.clone(),
            _ => crate::notes::store::Header {
                title: self.brief.title.clone(),
                ..Default::default()
            },
        };
        let own = self.notes_file().map(std::path::Path::to_path_buf);
        cx.push(Effect::Export(crate::app::msg::ExportRequest {
            path,
            own,
            header,
            notes: self.notes.notes.clone(),
            overwrite,
        }));
    }

    /// Notes written to a file of the reader's choosing, or why not.
    pub fn exported(
        &mut self,
        path: std::path::PathBuf,
        count: usize,
        result: Result<(), ExportProblem>,
        cx: &mut Shared,
    ) {
        let shown = display_path(&path);
        match result {
            Ok(()) => cx.say(format!("{count} note(s) written to {shown}")),
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
