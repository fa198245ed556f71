//! `brief notes`, `brief tags`, `brief annotate`, `brief cite` and
//! `brief memo`: notes from the shell.

use std::collections::BTreeMap;
use std::path::Path;

use super::CliError;
use super::export::{self, ExportNote, Filter, Format, all_rows};
use crate::cite::{Address, Citation, QuoteLength, Style};
use crate::cli::{CiteFormat, GroupBy};
use crate::document::sanitize::sanitize_line;
use crate::document::{Brief, LoadOptions, load_path};
use crate::notes::retag::retag;
use crate::notes::store::{Header, Store};
use crate::notes::team::Team;
use crate::notes::{Kind, Note, Stance, TagOp, anchor, place_notes, tag_problem};

fn load(file: &Path) -> Result<Brief, CliError> {
    Ok(load_path(file, LoadOptions::default())?)
}

/// A brief's notes for a command, with the header they are saved under.
/// Notes of a brief that moved follow it, and so does its reading state,
/// as when the reader opens it.
pub(crate) fn notes_of(
    store: &Store,
    file: &Path,
    brief: &Brief,
) -> Result<(crate::notes::store::BriefNotes, Header), CliError> {
    let mut header = Header::for_brief(Some(file), brief);
    let mut opened = store.open_with(Some(file), header.clone())?;
    // A document's comments become notes here too, as when the reader
    // opens it (and once: see `notes::imported`).
    // A failed import is tried again next time; the notes stored are
    // still there to list.
    if let Err(e) = crate::notes::imported::import(&mut opened.notes, &mut header, brief) {
        eprintln!(
            "brief: comments not imported as notes: {}",
            sanitize_line(&e.to_string())
        );
    }
    if let (Some(old), Some(data)) = (&opened.moved_from, store.dir().parent()) {
        let now = crate::fsio::canonical(file);
        let _ = crate::reading::StateStore::open_dir(data)
            .and_then(|states| states.follow(Path::new(old), &now));
    }
    Ok((opened.notes, header))
}

/// The notes of one brief, and why they may be incomplete (a damaged or
/// newer notes file: what could be read of it is shown).
fn brief_rows(store: &Store, file: &Path) -> Result<Found, CliError> {
    let brief = load(file)?;
    let (notes, header) = notes_of(store, file, &brief)?;
    let placements = place_notes(&brief, &notes.notes);
    let rows = export::rows(
        &brief.title,
        &header.path,
        Some(&brief),
        &notes.notes,
        &placements,
    );
    Ok((rows, notes.read_only.into_iter().collect()))
}

/// Notes found, and the notes files that could not be read.
type Found = (Vec<ExportNote>, Vec<String>);

fn rows(
    store: &Store,
    file: Option<&Path>,
    filter: &Filter,
    team: Option<&Team>,
) -> Result<Found, CliError> {
    if let Some(dir) = &filter.under
        && !dir.is_dir()
    {
        return Err(CliError::Usage(format!(
            "{} is not a folder: give the folder of briefs to gather notes from",
            crate::document::load::display_path(dir)
        )));
    }
    let (mut rows, mut problems) = match file {
        Some(f) => brief_rows(store, f)?,
        None => all_rows(store),
    };
    if let Some(team) = team {
        let (theirs, mut why) = super::team::rows(store, team, file, &rows);
        rows.extend(theirs);
        problems.append(&mut why);
        // Colleagues' notes among the reader's own, brief by brief, in
        // document order.
        let key = |r: &ExportNote| {
            let orphan = r.flags.contains(&"orphaned");
            (
                r.brief.clone(),
                r.path.clone(),
                orphan,
                r.section_number,
                r.block,
            )
        };
        // Stable: the reader's own notes first on a paragraph.
        rows.sort_by_cached_key(key);
    }
    rows.retain(|r| filter.keeps(r));
    if filter.brief_since.is_some() {
        // Kept because nothing says they are older: marked, so the reader
        // knows the date filter did not apply to them.
        for r in rows.iter_mut().filter(|r| r.date.is_none()) {
            r.flags.push("undated");
        }
    }
    Ok((rows, problems))
}

/// The output, or, when some notes could not be read, the output with the
/// reasons, for the caller to print both.
fn complete(output: String, problems: Vec<String>) -> Result<String, CliError> {
    if problems.is_empty() {
        Ok(output)
    } else {
        Err(CliError::Incomplete { output, problems })
    }
}

/// `brief notes [FILE] [--tag T]... [--kind K]... [--since D] [--brief P]`
pub fn notes(
    store: &Store,
    file: Option<&Path>,
    filter: &Filter,
    (format, length): (Format, QuoteLength),
    team: Option<&Team>,
) -> Result<String, CliError> {
    let (mut rows, problems) = rows(store, file, filter, team)?;
    for r in &mut rows {
        r.shorten(length);
    }
    complete(export::render(&rows, format), problems)
}

/// `brief tags [FILE]`: every tag with the number of notes `--tag` finds
/// with it (its children's included), children indented under their
/// parent (`sanctions/eu` under `sanctions`, which is listed even when no
/// note carries it alone), the most used first at each level.
pub fn tags(store: &Store, file: Option<&Path>) -> Result<String, CliError> {
    let (rows, problems) = rows(store, file, &Filter::default(), None)?;
    complete(tag_tree(rows.iter().map(|r| r.tags.as_slice())), problems)
}

/// The tag tree of `brief tags` from each note's tags.
fn tag_tree<'a>(notes: impl Iterator<Item = &'a [String]>) -> String {
    // Every tag and each of its parents, with the notes under it (a note
    // counted once under a parent, however many of its children it has).
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for tags in notes {
        let mut under: Vec<String> = Vec::new();
        for t in tags {
            let mut end = 0;
            for part in t.split('/') {
                end += part.len();
                let name = t[..end].to_owned();
                end += 1;
                if !part.is_empty() && !under.contains(&name) {
                    under.push(name);
                }
            }
        }
        for name in under {
            *counts.entry(name).or_default() += 1;
        }
    }
    let width = counts
        .values()
        .map(|n| n.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    let children = |parent: Option<&str>| {
        let mut kids: Vec<(&String, &usize)> = counts
            .iter()
            .filter(|(name, _)| match parent {
                None => !name.contains('/'),
                Some(p) => name
                    .strip_prefix(p)
                    .and_then(|rest| rest.strip_prefix('/'))
                    .is_some_and(|rest| !rest.contains('/')),
            })
            .collect();
        kids.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        kids
    };
    let mut stack: Vec<(usize, &String, &usize)> = children(None)
        .into_iter()
        .rev()
        .map(|(t, n)| (0, t, n))
        .collect();
    while let Some((depth, tag, n)) = stack.pop() {
        let indent = "  ".repeat(depth);
        out.push_str(&format!("{n:>width$}  {indent}{}\n", sanitize_line(tag)));
        for (t, n) in children(Some(tag)).into_iter().rev() {
            stack.push((depth + 1, t, n));
        }
    }
    out
}

/// What `brief tags rename` / `brief tags delete` did.
pub struct TagsChanged {
    /// What changed, for stdout.
    pub report: String,
    /// A warning for each notes file left unchanged because it could not
    /// be read or written (damaged, newer).
    pub skipped: Vec<String>,
    /// No note had the tag (and no file was skipped that might have): a
    /// typo, to say so and exit 1 rather than report a change of nothing.
    pub no_such_tag: Option<String>,
}

/// `brief tags rename OLD NEW` / `brief tags delete TAG`.
pub fn tags_change(store: &Store, op: &TagOp) -> Result<TagsChanged, CliError> {
    if let TagOp::Rename { new, .. } = op
        && let Some(why) = tag_problem(new)
    {
        return Err(CliError::Usage(format!("the new name {why}")));
    }
    let (r, problems) = retag(store, op, None)?;
    let skipped: Vec<String> = problems
        .iter()
        .map(|p| format!("skipped, its tags are unchanged: {}", sanitize_line(p)))
        .collect();
    // The tags are repeated as typed: sanitised like any other text.
    let (TagOp::Rename { old: tag, .. } | TagOp::Delete { tag }) = op;
    if r.notes == 0 && skipped.is_empty() {
        return Ok(TagsChanged {
            report: String::new(),
            skipped,
            no_such_tag: Some(format!(
                "no note has the tag #{}: nothing changed (`brief tags` lists the tags)",
                sanitize_line(tag.trim_start_matches('#'))
            )),
        });
    }
    let mut out = match op {
        TagOp::Rename { old, new } => format!(
            "renamed #{} to #{} on {} note(s) in {} brief(s)\n",
            sanitize_line(old),
            sanitize_line(new),
            r.notes,
            r.files
        ),
        TagOp::Delete { tag } => format!(
            "removed #{} from {} note(s) in {} brief(s)\n",
            sanitize_line(tag),
            r.notes,
            r.files
        ),
    };
    if r.emptied > 0 {
        out.push_str(&format!(
            "{} note(s) that held only that tag were removed\n",
            r.emptied
        ));
    }
    Ok(TagsChanged {
        report: out,
        skipped,
        no_such_tag: None,
    })
}

/// `brief annotate FILE --section N --block M [--tag T]... [--note TEXT]
/// [--kind K] [--stance S]`: adds a note and returns its id.
pub struct Annotation<'a> {
    pub section: usize,
    pub block: usize,
    pub tags: &'a [String],
    pub note: Option<&'a str>,
    pub kind: Option<Kind>,
    pub stance: Option<Stance>,
    /// Who signs it, and the team folder it is shared to (with
    /// `share_new`).
    pub author: String,
    pub team: Option<&'a Team>,
}

pub fn annotate(store: &Store, file: &Path, a: &Annotation<'_>) -> Result<String, CliError> {
    if let Some(why) = a.tags.iter().find_map(|t| tag_problem(t)) {
        return Err(CliError::Usage(format!("--tag {why}")));
    }
    let brief = load(file)?;
    let id = Address::resolve(&brief, a.section, a.block).map_err(CliError::Usage)?;
    let text = a.note.unwrap_or_default().to_owned();
    if text.trim().is_empty() && a.tags.is_empty() && a.kind.is_none() && a.stance.is_none() {
        return Err(CliError::Usage(
            "give --note TEXT, a --tag, a --kind or a --stance".to_owned(),
        ));
    }
    let (mut notes, header) = notes_of(store, file, &brief)?;
    if let Some(why) = &notes.read_only {
        return Err(CliError::Usage(format!("notes are read-only: {why}")));
    }
    // As the app does on every save: anchors say where the notes are now,
    // so notes made on one block at different times share one anchor.
    let placements = anchor::place_notes(&brief, &notes.notes);
    anchor::refresh_anchors(&brief, &mut notes.notes, &placements);
    let mut new = Note::new(anchor::anchor_for(&brief, id), text, a.tags.to_vec());
    new.kind = a.kind;
    new.stance = a.stance;
    new.author.clone_from(&a.author);
    new.shared = a.team.is_some_and(|t| t.share_new);
    let new_id = new.id.clone();
    notes.notes.push(new);
    notes.save(header.clone())?;
    if let Some(team) = a.team.filter(|t| t.share_new) {
        super::team::publish(team, &header, &notes.notes)?;
    }
    Ok(format!("{new_id}\n"))
}

/// How `brief cite` writes a citation.
pub struct CiteHow {
    pub format: CiteFormat,
    pub style: Style,
    pub length: QuoteLength,
}

/// `brief cite FILE --section N --block M [--format F] [--style S]`.
pub fn cite(file: &Path, section: usize, block: usize, how: CiteHow) -> Result<String, CliError> {
    let brief = load(file)?;
    let id = Address::resolve(&brief, section, block).map_err(CliError::Usage)?;
    let c = Citation::with(&brief, id, Some(file), how.style, how.length);
    Ok(match how.format {
        CiteFormat::Plain => c.plain(),
        CiteFormat::Markdown => c.markdown(),
        CiteFormat::Json => c.json(),
    })
}

/// How `brief memo` groups its notes and writes their sources.
pub struct MemoHow {
    pub group_by: GroupBy,
    pub style: Style,
    pub length: QuoteLength,
}

/// `brief memo [--tag T]... [--kind K]... [--group-by G] [DIR]`: a memo in
/// Markdown, a heading per group, each note with its quote and citation.
pub fn memo(
    store: &Store,
    filter: &Filter,
    how: MemoHow,
    team: Option<&Team>,
) -> Result<String, CliError> {
    let (mut rows, problems) = rows(store, None, filter, team)?;
    for r in &mut rows {
        r.shorten(how.length);
    }
    let mut groups: BTreeMap<String, Vec<&ExportNote>> = BTreeMap::new();
    for r in &rows {
        let keys: Vec<String> = match how.group_by {
            GroupBy::Brief => vec![r.brief.clone()],
            GroupBy::Kind => vec![r.kind.unwrap_or("notes without a kind").to_owned()],
            GroupBy::Tag if r.tags.is_empty() => vec!["untagged".to_owned()],
            GroupBy::Tag => r.tags.iter().map(|t| format!("#{t}")).collect(),
        };
        for k in keys {
            groups.entry(k).or_default().push(r);
        }
    }
    // Signed when the memo gathers several analysts' notes, or one's by
    // name.
    let signed = export::several_authors(&rows) || !filter.authors.is_empty();
    let mut out = String::from("# Memo\n\n");
    // The filter's tags as typed: sanitised.
    let mut what: Vec<String> = filter
        .tags
        .iter()
        .map(|t| format!("#{}", sanitize_line(t)))
        .collect();
    what.extend(filter.kinds.iter().map(|k| k.name().to_owned()));
    what.extend(
        filter
            .authors
            .iter()
            .map(|a| format!("@{}", sanitize_line(a))),
    );
    if !what.is_empty() {
        out.push_str(&format!("Notes on {}.\n\n", what.join(", ")));
    }
    if groups.is_empty() {
        out.push_str("No notes match.\n");
    }
    for (group, notes) in groups {
        out.push_str(&format!("## {group}\n\n"));
        for r in notes {
            let text = r.text.trim();
            let by = if r.by.is_empty() || !signed {
                String::new()
            } else {
                format!("**{}:** ", r.by)
            };
            if !text.is_empty() {
                out.push_str(&format!("{by}{text}\n\n"));
            } else if !by.is_empty() {
                out.push_str(&format!("{}\n\n", by.trim_end()));
            }
            out.push_str(&format!("> {}\n>\n", r.quote));
            let mut source = r.citation(how.style);
            if r.flags.contains(&"orphaned") {
                source.push_str(" (this paragraph is no longer in the brief)");
            } else if r.flags.contains(&"undated") {
                source.push_str(" (undated)");
            }
            out.push_str(&format!("> — {source}\n\n"));
        }
    }
    complete(out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&[&str]]) -> String {
        let notes: Vec<Vec<String>> = list
            .iter()
            .map(|n| n.iter().map(|t| (*t).to_owned()).collect())
            .collect();
        tag_tree(notes.iter().map(Vec::as_slice))
    }

    #[test]
    fn children_roll_up_under_their_parent() {
        let out = tags(&[
            &["sanctions/eu"],
            &["sanctions/eu", "sanctions/us"],
            &["sanctions"],
            &["ports", "ports/baltic"],
            &["energy/grid/north"],
        ]);
        assert_eq!(
            out,
            "3  sanctions\n2    sanctions/eu\n1    sanctions/us\n\
             1  energy\n1    energy/grid\n1      energy/grid/north\n\
             1  ports\n1    ports/baltic\n"
        );
    }
}
