//! Ranking that finds the brief a reader means (issue 13): results are
//! briefs, each shown by its best passage. Each case reproduces the shape
//! of a query that missed on a real corpus: words spread over a brief's
//! blocks, stems across languages, a title that says exactly what was
//! asked, a brief about the subject against a passing mention.

mod common;

use common::search::{Library, briefs, run};

/// Plain text that mentions none of the words the tests search for.
const FILLER: &str = "The team reviewed the budget and the timetable with the board.";

fn paragraphs(lines: &[&str]) -> String {
    lines.iter().map(|l| format!("{l}\n\n")).collect()
}

#[test]
fn words_spread_over_several_blocks_still_find_the_brief() {
    let l = Library::new();
    l.write(
        "open-culture.md",
        &format!(
            "# Open organisations\n\n{}",
            paragraphs(&[
                "Culture shapes how teams work.",
                FILLER,
                "Openness is becoming central to teams.",
                "A culture of trust takes years.",
                "Openness is contested.",
            ])
        ),
    );
    l.write(
        "other.md",
        &format!("# Budgets\n\n{}", paragraphs(&[FILLER, FILLER])),
    );
    assert_eq!(
        briefs(&l.index(), "culture of openness"),
        ["open-culture.md"]
    );
}

#[test]
fn a_block_holding_every_word_ranks_above_words_spread_over_blocks() {
    let l = Library::new();
    let body = |together: bool| {
        let lines: Vec<&str> = if together {
            vec![FILLER, "Grain insurers left the corridor.", FILLER]
        } else {
            vec!["Grain prices rose.", FILLER, "Insurers left the corridor."]
        };
        format!("# Notes\n\n{}", paragraphs(&lines))
    };
    l.write("a-spread.md", &body(false));
    l.write("b-together.md", &body(true));
    assert_eq!(
        briefs(&l.index(), "grain insurers"),
        ["b-together.md", "a-spread.md"]
    );
}

#[test]
fn stems_find_a_french_brief_that_says_libres_and_contributions() {
    let l = Library::new();
    l.write(
        "4_Logiciel_libre_Contribution.md",
        &format!(
            "# Contribution aux logiciels libres\n\n{}",
            paragraphs(&[
                "Les contributions aux logiciels libres sont encouragées.",
                "## Diffusion de logiciels libres",
                "Le gouvernement publie ses logiciels sous licences libres.",
                "Les contributions doivent respecter les licences des projets.",
                "## Contributions des employés",
                "Les employés peuvent faire des contributions aux projets libres.",
            ])
        ),
    );
    l.write(
        "3_Logiciel_libre_Utilisation.md",
        &format!(
            "# Utilisation des logiciels libres\n\n{}",
            paragraphs(&[
                "Le logiciel libre est utilisé dans les ministères.",
                "Le choix d'un logiciel libre dépend des besoins.",
                "Le logiciel libre réduit les coûts.",
                "Voir Logiciel libre - Contribution.",
            ])
        ),
    );
    let found = briefs(&l.index(), "logiciel libre contribution");
    assert_eq!(found[0], "4_Logiciel_libre_Contribution.md", "{found:?}");
}

#[test]
fn a_title_that_says_exactly_the_query_ranks_first() {
    let l = Library::new();
    l.write(
        "annex-3.01-pid-rulebook.md",
        "---\ntitle: European Digital Identity Wallet\nsubtitle: ARF Annex 3.01 - PID Rulebook\n---\n\n\
         # ANNEX 3.01 - PID Rulebook\n\nThe PID rulebook has been moved to a dedicated repository \
         and is now available in the catalogue of attestation rulebooks.\n",
    );
    // Short blocks that say both words, many times: more text matches
    // than in the rulebook itself.
    let mut requirements = String::from("# High-level requirements\n\n");
    for _ in 0..20 {
        requirements.push_str(&format!("The PID rulebook applies.\n\n{FILLER}\n\n"));
    }
    l.write("annex-2.02-high-level-requirements.md", &requirements);
    l.write("annex-2.03-by-category.md", &requirements);
    let found = briefs(&l.index(), "PID rulebook");
    assert_eq!(found[0], "annex-3.01-pid-rulebook.md", "{found:?}");
}

#[test]
fn a_brief_about_the_subject_ranks_above_a_passing_mention() {
    let l = Library::new();
    // One mention, in a block shorter than any of the other brief's.
    l.write(
        "scope.md",
        &format!(
            "# Notes\n\nCode may be kept for Government-wide reuse.\n\n{}",
            paragraphs(&[FILLER, FILLER])
        ),
    );
    l.write(
        "reuse.md",
        &format!(
            "# Notes\n\n{}",
            paragraphs(&[
                "Ensuring Government-wide reuse rights for custom code has many benefits.",
                "Agencies shall secure Government-wide reuse rights in their contracts.",
                "Reuse of code across agencies avoids duplicate purchases of software.",
                "Government-wide reuse starts with an inventory of the code agencies own.",
                "The inventory makes Government-wide reuse of that code possible.",
            ])
        ),
    );
    assert_eq!(
        briefs(&l.index(), "government-wide reuse"),
        ["reuse.md", "scope.md"]
    );
}

#[test]
fn the_form_typed_ranks_above_other_forms_of_the_word() {
    let l = Library::new();
    l.write(
        "a.md",
        "# A\n\nThe ministry sanctioned the insurers last year.\n",
    );
    l.write(
        "b.md",
        "# B\n\nThe ministry sanctions the insurers each year.\n",
    );
    assert_eq!(briefs(&l.index(), "sanctions insurers"), ["b.md", "a.md"]);
    assert_eq!(briefs(&l.index(), "sanctioned insurers"), ["a.md", "b.md"]);
}

#[test]
fn results_come_one_per_brief_with_how_many_more_passages_match() {
    let l = Library::new();
    l.write(
        "grain.md",
        "# Grain\n\nGrain exports rose.\n\nThe grain corridor held.\n\nGrain prices fell.\n",
    );
    let results = run(&l.index(), "grain", true, None);
    assert_eq!(results.passages.len(), 1);
    assert_eq!(results.passages[0].more, 2);
    let flat = run(&l.index(), "grain", false, None);
    assert_eq!(flat.passages.len(), 3, "--passages lists every one");
}

#[test]
fn accents_fold_so_strategie_finds_strategie_with_its_accent() {
    let l = Library::new();
    l.write(
        "fr.md",
        "# Plan\n\nLa stratégie « Souveraineté » est publiée.\n",
    );
    assert_eq!(briefs(&l.index(), "strategie"), ["fr.md"]);
    assert_eq!(briefs(&l.index(), "souverainete"), ["fr.md"]);
}

#[test]
fn stems_find_other_forms_of_a_word() {
    let l = Library::new();
    l.write("a.md", "# A\n\nThe insurers were sanctioned in May.\n");
    assert_eq!(briefs(&l.index(), "sanction"), ["a.md"]);
    assert_eq!(briefs(&l.index(), "insurer"), ["a.md"]);
}

#[test]
fn a_capital_keeps_the_case_rule_even_with_stems() {
    let l = Library::new();
    l.write("a.md", "# A\n\nSanctions were lifted.\n");
    l.write("b.md", "# B\n\nThe sanctions were lifted.\n");
    assert_eq!(briefs(&l.index(), "Sanctions"), ["a.md"]);
    assert_eq!(briefs(&l.index(), "sanctions").len(), 2);
}

#[test]
fn headings_are_found_and_lead_to_their_section() {
    let l = Library::new();
    l.write(
        "a.md",
        "# Brief\n\nIntroduction text.\n\n## Maritime insurance\n\nCover was withdrawn after the strikes.\n",
    );
    let results = run(&l.index(), "maritime insurance", true, None);
    assert_eq!(results.passages.len(), 1, "found by its heading alone");
    assert_eq!(results.passages[0].section_title, "Maritime insurance");
    assert!(
        results.passages[0]
            .snippet
            .text
            .starts_with("Cover was withdrawn")
    );
}
