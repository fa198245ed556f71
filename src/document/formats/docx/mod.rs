//! Word (.docx) to markdown. The container's parts are read with limits
//! (`zipped`); this file reads the small parts that tell how to read the
//! body (styles, numbering, links, the document's properties), and `body`
//! walks the body and its footnotes.
//!
//! Kept: Title, Subtitle and Heading 1-6 styles (and outline levels) as
//! headings, paragraphs, bulleted and numbered lists with their nesting,
//! tables (cell text), hyperlinks, footnotes and endnotes, line breaks,
//! the current text of tracked changes (insertions kept, deletions
//! dropped), title, author and date from the properties. Lost: character
//! formatting, images, headers and footers, text boxes' place. Comments
//! (`comments`) come beside the markdown, each with the text it is on.

mod body;
mod comments;
mod parts;

use super::markdown::front_matter;
use super::zipped::{Container, Limits};
use super::{Converted, FormatError};

/// A .docx file's bytes as markdown.
pub fn to_markdown(bytes: &[u8], limits: &Limits) -> Result<Converted, FormatError> {
    let mut zip = Container::open(bytes, limits)?;
    let main = parts::main_part(&mut zip)?;
    let Some(document) = zip.text(&main)? else {
        if zip.has("content.xml") {
            return Err(FormatError::Unsupported {
                what: "an OpenDocument file (.odt)",
                advice: "save it as .docx or markdown",
            });
        }
        return Err(FormatError::NotWord);
    };
    let folder = main.rsplit_once('/').map_or("", |(dir, _)| dir);
    let part = |name: &str| match folder {
        "" => name.to_owned(),
        dir => format!("{dir}/{name}"),
    };
    let styles = parts::styles(zip.text(&part("styles.xml"))?.as_deref());
    let numbering = parts::numbering(zip.text(&part("numbering.xml"))?.as_deref());
    let (file, name) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_name = match file {
        "" => format!("_rels/{name}.rels"),
        dir => format!("{dir}/_rels/{name}.rels"),
    };
    let links = parts::relationships(zip.text(&rels_name)?.as_deref());
    let props = parts::properties(zip.text("docProps/core.xml")?.as_deref());
    let context = body::Context {
        styles: &styles,
        numbering: &numbering,
        links: &links,
    };
    let mut doc = body::walk(&document, &context);
    for (prefix, file) in [("fn", "footnotes.xml"), ("en", "endnotes.xml")] {
        if let Some(xml) = zip.text(&part(file))? {
            doc.add_notes(prefix, &body::walk(&xml, &context));
        }
    }
    let mut warnings = Vec::new();
    let comments = match zip.text(&part("comments.xml"))? {
        Some(xml) => {
            let (comments, dropped) = comments::read(&xml, &doc.comment_places);
            warnings.extend(dropped);
            comments
        }
        None => Vec::new(),
    };
    // Rendering finds the title and subtitle paragraphs.
    let body = doc.markdown();
    let title = doc.title.take().or(props.title).unwrap_or_default();
    let mut markdown = front_matter(&[
        ("title", title),
        ("subtitle", doc.subtitle.take().unwrap_or_default()),
        ("author", props.author.unwrap_or_default()),
        ("date", props.date.unwrap_or_default()),
    ]);
    markdown.push_str(&body);
    Ok(Converted {
        markdown,
        warnings,
        comments,
    })
}
