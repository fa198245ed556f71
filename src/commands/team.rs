//! `brief share`, and colleagues' notes for `brief notes` and `brief memo`:
//! read from the team folder, attributed, placed on the brief when it is
//! here (else where their anchors say).

use std::path::Path;

use super::CliError;
use crate::document::sanitize::sanitize_line;
use crate::document::{LoadOptions, load_path};
use crate::notes::store::{Header, Store};
use crate::notes::team::{self, Team};

pub use crate::notes::team::rows::rows;

/// `brief share FILE`: every note of the reader's on a brief is shared,
/// saved, and written to the team folder.
pub fn share(store: &Store, team: &Team, file: &Path) -> Result<String, CliError> {
    let brief = load_path(file, LoadOptions::default())?;
    let (mut notes, header) = super::notes::notes_of(store, file, &brief)?;
    if let Some(why) = &notes.read_only {
        return Err(CliError::Usage(format!("notes are read-only: {why}")));
    }
    let now = crate::notes::now_rfc3339();
    let mut count = 0;
    for n in notes
        .notes
        .iter_mut()
        .filter(|n| n.author.is_empty() || n.author == team.author)
    {
        if !n.shared {
            n.shared = true;
            n.updated.clone_from(&now);
        }
        if n.author.is_empty() {
            n.author.clone_from(&team.author);
        }
        count += 1;
    }
    if count == 0 {
        return Err(CliError::Usage(format!(
            "no notes of yours on {}: nothing to share",
            crate::document::load::display_path(file)
        )));
    }
    notes.save(header.clone())?;
    publish(team, &header, &notes.notes).map(|published| {
        format!(
            "shared {count} note(s) of {}: {}\n",
            sanitize_line(&brief.title),
            crate::document::load::display_path(&published)
        )
    })
}

/// Writes the shared notes of a brief to the team folder; the file.
pub fn publish(
    team: &Team,
    header: &Header,
    notes: &[crate::notes::Note],
) -> Result<std::path::PathBuf, CliError> {
    match team::publish(team, header, &[], notes) {
        Ok(Some(p)) => Ok(p.file),
        Ok(None) => Ok(team::folder::brief_dir(team, header)),
        Err(why) => Err(CliError::Usage(format!("not shared: {why}"))),
    }
}
