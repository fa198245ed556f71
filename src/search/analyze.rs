//! How text becomes index terms, for the briefs and for queries alike:
//! words (runs of letters and digits), lower-cased, stemmed in the brief's
//! language (English or French), then with accents folded, so `strategie`
//! finds "stratégie" and `sanction` finds "sanctions" and "sanctioned".
//!
//! The stemmer is chosen per brief, but a tantivy field has one tokenizer:
//! text of a French brief is given to the index behind [`FRENCH`], a
//! private-use character no brief can show (the tokenizer skips it as it
//! skips punctuation), which tells the tokenizer which stemmer to use.
//! A query word is stemmed both ways, and matches either stem.

use tantivy::tokenizer::{
    AsciiFoldingFilter, BoxTokenStream, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, TokenStream, Tokenizer,
};

use super::tokenize::{MAX_TERM_BYTES, for_each_token};
use crate::document::{BlockKind, Brief};

/// The name the tokenizer is registered under in the index.
pub const TOKENIZER: &str = "brief";
/// Marks text to stem as French.
pub const FRENCH: char = '\u{E001}';

/// The languages briefs are stemmed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    English,
    French,
}

fn analyzer(language: Option<Language>) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TERM_BYTES + 1))
        .filter(LowerCaser);
    match language {
        Some(l) => base
            .filter(Stemmer::new(l))
            .filter(AsciiFoldingFilter)
            .build(),
        None => base.filter(AsciiFoldingFilter).build(),
    }
}

/// The index's tokenizer: English stems, or French ones behind [`FRENCH`].
#[derive(Clone)]
pub struct BriefTokenizer {
    english: TextAnalyzer,
    french: TextAnalyzer,
}

impl Default for BriefTokenizer {
    fn default() -> Self {
        BriefTokenizer {
            english: analyzer(Some(Language::English)),
            french: analyzer(Some(Language::French)),
        }
    }
}

impl Tokenizer for BriefTokenizer {
    type TokenStream<'a> = BoxTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BoxTokenStream<'a> {
        match text.strip_prefix(FRENCH) {
            Some(rest) => self.french.token_stream(rest),
            None => self.english.token_stream(text),
        }
    }
}

/// Text as the index takes it for a brief in `lang`.
pub fn marked(text: &str, lang: Lang) -> String {
    let text = text.trim_start_matches(FRENCH);
    match lang {
        Lang::English => text.to_owned(),
        Lang::French => format!("{FRENCH}{text}"),
    }
}

/// Stored text without its language mark.
pub fn unmarked(text: &str) -> &str {
    text.strip_prefix(FRENCH).unwrap_or(text)
}

/// Turns query words into index terms, and block words into the forms
/// they are compared in.
pub struct Analyzers {
    english: TextAnalyzer,
    french: TextAnalyzer,
    plain: TextAnalyzer,
}

impl Default for Analyzers {
    fn default() -> Self {
        Analyzers {
            english: analyzer(Some(Language::English)),
            french: analyzer(Some(Language::French)),
            plain: analyzer(None),
        }
    }
}

impl Analyzers {
    /// The index terms a query word may stand for: its English and its
    /// French stem (often the same), accents folded.
    pub fn stems(&mut self, word: &str) -> Vec<String> {
        let mut out = first_token(&mut self.english, word);
        for s in first_token(&mut self.french, word) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// The stem of a word in one language.
    pub fn stem(&mut self, word: &str, lang: Lang) -> Option<String> {
        let analyzer = match lang {
            Lang::English => &mut self.english,
            Lang::French => &mut self.french,
        };
        first_token(analyzer, word).pop()
    }

    /// A word lower-cased with accents folded, not stemmed: the exact form
    /// a query word is compared with.
    pub fn plain(&mut self, word: &str) -> String {
        first_token(&mut self.plain, word).pop().unwrap_or_default()
    }
}

fn first_token(analyzer: &mut TextAnalyzer, word: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(word);
    let mut out = Vec::with_capacity(1);
    if stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Words that say a text is French, and words that say it is English.
const FRENCH_WORDS: [&str; 16] = [
    "le", "la", "les", "des", "du", "et", "est", "une", "pour", "dans", "qui", "que", "sur", "aux",
    "avec", "sont",
];
const ENGLISH_WORDS: [&str; 16] = [
    "the", "and", "of", "to", "is", "in", "that", "for", "with", "are", "be", "this", "on", "by",
    "as", "an",
];
/// Words looked at to tell the language.
const SAMPLE_WORDS: usize = 2_000;

/// The language a brief is written in: its front matter's `lang` when it
/// has one, else the one whose common words it uses most.
pub fn language(brief: &Brief) -> Lang {
    if let Some(lang) = &brief.meta.language {
        let lang = lang.trim().to_ascii_lowercase();
        return if lang.starts_with("fr") {
            Lang::French
        } else {
            Lang::English
        };
    }
    let (mut french, mut english, mut seen) = (0usize, 0usize, 0usize);
    let prose = (0..brief.blocks.len())
        .filter(|&b| !matches!(brief.blocks[b].kind, BlockKind::Code | BlockKind::Table(_)));
    for block in prose {
        let text = brief.block_text(block);
        for_each_token(text, |start, end| {
            seen += 1;
            if seen > SAMPLE_WORDS {
                return;
            }
            let lower = text[start..end].to_lowercase();
            french += usize::from(FRENCH_WORDS.contains(&lower.as_str()));
            english += usize::from(ENGLISH_WORDS.contains(&lower.as_str()));
        });
        if seen > SAMPLE_WORDS {
            break;
        }
    }
    if french > english {
        Lang::French
    } else {
        Lang::English
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut tokenizer = BriefTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn english_words_are_stemmed_and_folded() {
        assert_eq!(terms("Sanctions sanctioned"), ["sanction", "sanction"]);
    }

    #[test]
    fn french_text_is_stemmed_as_french_and_accents_fold() {
        let stems = terms(&marked("Les stratégies libres", Lang::French));
        let mut a = Analyzers::default();
        assert!(a.stems("strategie").contains(&stems[1]));
        assert!(a.stems("libre").contains(&stems[2]));
    }

    #[test]
    fn a_plain_word_is_folded_but_not_stemmed() {
        assert_eq!(Analyzers::default().plain("Stratégies"), "strategies");
    }

    #[test]
    fn language_is_told_by_common_words() {
        let fr = crate::document::parse("# T\n\nLes logiciels libres et la contribution.\n", "t");
        let en = crate::document::parse("# T\n\nThe software and the culture.\n", "t");
        assert_eq!(language(&fr), Lang::French);
        assert_eq!(language(&en), Lang::English);
    }
}
