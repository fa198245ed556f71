//! Export rows written out: Markdown (a digest), JSON, CSV, TOML. The rows
//! are sanitised already (see [`super::rows`]).

use serde::Serialize;

use super::{ExportNote, Format};

pub fn render(rows: &[ExportNote], format: Format) -> String {
    match format {
        Format::Markdown => markdown(rows),
        Format::Json => serde_json::to_string_pretty(rows).unwrap_or_default() + "\n",
        Format::Csv => csv_text(rows),
        Format::Toml => {
            #[derive(Serialize)]
            struct Doc<'a> {
                notes: &'a [ExportNote],
            }
            toml::to_string(&Doc { notes: rows }).unwrap_or_default()
        }
    }
}

/// A digest to send to a colleague: one heading per brief, the quoted
/// paragraph, the note, its tags and flags.
fn markdown(rows: &[ExportNote]) -> String {
    let signed = several_authors(rows);
    let mut out = String::new();
    let mut brief = None;
    for r in rows {
        if brief != Some((&r.path, &r.brief)) {
            brief = Some((&r.path, &r.brief));
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("# Notes on {}\n\n", r.brief));
            if !r.path.is_empty() {
                out.push_str(&format!("Source: `{}`\n\n", r.path));
            }
        }
        let place = if r.flags.contains(&"orphaned") {
            format!(
                "Orphaned (was §{} {}, ¶{})",
                r.section_number, r.section, r.block
            )
        } else {
            format!("§{} {}, ¶{}", r.section_number, r.section, r.block)
        };
        out.push_str(&format!("## {place}\n\n> {}\n\n", r.quote));
        if let Some(was) = &r.original_quote {
            out.push_str(&format!("Was: \u{201c}{was}\u{201d}\n\n"));
        }
        if !r.text.trim().is_empty() {
            out.push_str(r.text.trim_end());
            out.push_str("\n\n");
        }
        let mut meta: Vec<String> = r
            .kind
            .iter()
            .chain(&r.stance)
            .map(|k| format!("**{k}**"))
            .collect();
        if signed && !r.by.is_empty() {
            meta.insert(0, format!("— {}", r.by));
        }
        meta.extend(r.tags.iter().map(|t| format!("#{t}")));
        meta.extend(r.flags.iter().map(|f| format!("*{f}*")));
        if !meta.is_empty() {
            out.push_str(&format!("{}\n\n", meta.join(" ")));
        }
    }
    if out.is_empty() {
        out.push_str("No notes.\n");
    }
    out
}

/// Whether the notes are by more than one author, or a colleague's: then
/// each is signed (a reader's own digest is not).
pub fn several_authors(rows: &[ExportNote]) -> bool {
    if rows.iter().any(|r| r.colleague) {
        return true;
    }
    let mut authors = rows.iter().map(|r| r.by.as_str()).filter(|b| !b.is_empty());
    let first = authors.next();
    authors.any(|a| Some(a) != first)
}

fn csv_text(rows: &[ExportNote]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "brief",
        "path",
        "date",
        "author",
        "url",
        "section_number",
        "section",
        "block",
        "quote",
        "original_quote",
        "tags",
        "note",
        "kind",
        "stance",
        "flags",
        "by",
        "id",
        "created",
        "updated",
    ]);
    for r in rows {
        let _ = w.write_record([
            r.brief.as_str(),
            &r.path,
            r.date.as_deref().unwrap_or_default(),
            r.author.as_deref().unwrap_or_default(),
            r.url.as_deref().unwrap_or_default(),
            &r.section_number.to_string(),
            &r.section,
            &r.block.to_string(),
            &r.quote,
            r.original_quote.as_deref().unwrap_or_default(),
            &r.tags.join(" "),
            &r.text,
            r.kind.unwrap_or_default(),
            r.stance.unwrap_or_default(),
            &r.flags.join(" "),
            &r.by,
            &r.id,
            &r.created,
            &r.updated,
        ]);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}
