//! `brief completions SHELL` and `brief man`: generated from the same
//! definitions as the command line itself (src/cli.rs), so they list every
//! command and option there is.

use clap::CommandFactory;

use crate::cli::Cli;

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "brief", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The manual page, in roff: `brief`, its options and its commands, then
/// each command's own synopsis and options.
pub fn man_page() -> String {
    let cli = Cli::command();
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = clap_mangen::Man::new(cli.clone()).render(&mut out);
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = sub.clone().bin_name(format!("brief {}", sub.get_name()));
        let man = clap_mangen::Man::new(sub.clone()).title(format!("brief {}", sub.get_name()));
        let _ = man.render_synopsis_section(&mut out);
        let _ = man.render_options_section(&mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_name_every_command() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
        ] {
            let script = completions(shell);
            for command in [
                "outline",
                "notes",
                "memo",
                "cite",
                "completions",
                "brief-since",
            ] {
                assert!(script.contains(command), "{shell}: {command}");
            }
        }
    }

    #[test]
    fn the_man_page_describes_brief_and_its_commands() {
        let page = man_page();
        assert!(
            page.starts_with(".ie") || page.contains(".TH"),
            "{}",
            &page[..80.min(page.len())]
        );
        assert!(page.contains("brief"));
        assert!(page.contains("memo"));
    }
}
