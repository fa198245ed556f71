//! The start and end of block-level tags: paragraphs, headings, quotes,
//! code, lists and their items, HTML blocks; inline tags push and pop
//! styles.

use pulldown_cmark::{Tag, TagEnd};

use super::targets::footnote_id;
use super::{Builder, HeadingCapture};
use crate::document::sections::SectionTree;
use crate::document::{BlockKind, IdTarget, Inline, ListMarker, attrs};

impl Builder<'_> {
    pub(super) fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.ensure_block(offset);
            }
            Tag::Heading { level, .. } => self.start_heading(level as u8, offset),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_add(1);
            }
            Tag::CodeBlock(_) => {
                self.open_block(BlockKind::Code, offset);
                self.in_code = true;
                self.code_column = 0;
            }
            Tag::HtmlBlock => {
                self.flush();
                let line = self.line_of(offset);
                self.html = Some((String::new(), line));
            }
            Tag::List(first) => {
                self.flush();
                self.flush_marker(offset);
                self.list_stack.push(first);
            }
            Tag::Item => self.start_item(),
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.id_here(footnote_id(&label));
                self.pending_prefix = Some(format!("[{label}] "));
            }
            Tag::Table(aligns) => self.table_start(&aligns, offset),
            Tag::TableHead | Tag::TableRow => self.table_row(),
            Tag::TableCell => self.table_cell_start(),
            Tag::Emphasis => self.style_stack.push(Inline::EMPHASIS),
            Tag::Strong => self.style_stack.push(Inline::STRONG),
            Tag::Strikethrough => self.style_stack.push(Inline::STRIKE),
            Tag::Superscript => self.style_stack.push(Inline::SUPERSCRIPT),
            Tag::Subscript => self.style_stack.push(Inline::SUBSCRIPT),
            Tag::Link { dest_url, .. } => {
                self.open_link(&dest_url);
                self.style_stack.push(Inline::LINK);
            }
            Tag::Image { dest_url, .. } => {
                self.text("[image: ", offset);
                self.image_start(&dest_url);
                self.style_stack.push(Inline::EMPHASIS);
            }
            // Front matter is taken off before parsing (see
            // `frontmatter::read`), so metadata blocks never arrive.
            Tag::MetadataBlock(_) => {}
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.flush();
            }
        }
    }

    fn start_heading(&mut self, level: u8, offset: usize) {
        self.flush();
        // A style opened by an HTML block does not run into a new section.
        self.block_styles.clear();
        if self.quote_depth > 0 || !self.list_stack.is_empty() {
            // Headings nested in lists or quotes are styled text, not
            // sections: they belong to the surrounding block.
            self.open_block(BlockKind::Heading(level), offset);
        } else {
            let line = self.line_of(offset);
            self.heading = Some(HeadingCapture {
                level,
                line,
                title: String::new(),
                runs: Vec::new(),
            });
        }
    }

    fn start_item(&mut self) {
        self.flush();
        let marker = match self.list_stack.last_mut() {
            Some(Some(n)) => {
                let m = ListMarker::Ordered(*n);
                *n = n.saturating_add(1);
                m
            }
            _ => ListMarker::Bullet,
        };
        self.pending_marker = Some(marker);
    }

    pub(super) fn end(&mut self, tag: TagEnd, offset: usize) {
        match tag {
            TagEnd::Paragraph | TagEnd::FootnoteDefinition => self.flush(),
            TagEnd::Item => {
                self.flush();
                self.flush_marker(offset);
            }
            TagEnd::Heading(_) => match self.heading.take() {
                Some(h) => {
                    self.html_styles.clear();
                    // Rules before the first heading only set the front
                    // page off from the body: no section of their own.
                    if self.sections.is_preamble_only()
                        && self.brief.blocks.iter().all(|b| b.kind == BlockKind::Rule)
                    {
                        self.unplace_ids_from(0);
                        self.brief.blocks.clear();
                        self.sections = SectionTree::default();
                    }
                    let first_block = self.brief.blocks.len();
                    let (title, ids) = attrs::strip_trailing(&h.title);
                    let section =
                        self.sections
                            .heading(h.level, title, &h.runs, h.line, first_block);
                    self.ids_waiting.extend(ids);
                    self.place_ids(IdTarget::Section(section));
                }
                None => self.flush(),
            },
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.in_code = false;
                self.flush();
            }
            TagEnd::HtmlBlock => self.html_block_end(),
            TagEnd::List(_) => {
                self.flush();
                self.list_stack.pop();
            }
            TagEnd::Table => self.table_end(),
            TagEnd::TableCell => self.table_cell_end(),
            TagEnd::TableHead => self.table_head_end(),
            TagEnd::TableRow | TagEnd::MetadataBlock(_) => {}
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.style_stack.pop();
            }
            TagEnd::Link => {
                self.style_stack.pop();
                self.link_stack.pop();
            }
            TagEnd::Image => {
                self.style_stack.pop();
                // Through `text`, so an image in a heading closes its
                // bracket in the title too.
                self.text("]", offset);
                self.image_end();
            }
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush(),
        }
    }

    pub(super) fn task_marker(&mut self, done: bool) {
        if self.pending_marker.is_some() {
            self.pending_marker = Some(ListMarker::Task(done));
        } else if let Some(open) = &mut self.open
            && open.marker.is_some()
        {
            open.marker = Some(ListMarker::Task(done));
        }
    }
}
