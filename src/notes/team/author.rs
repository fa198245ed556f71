//! The name notes are signed with when config.toml gives none: the name
//! git knows (`user.name`, read from git's own config files: `brief` never
//! runs another program), else the login name.

use std::path::{Path, PathBuf};

/// The default author: git's `user.name`, else `$USER` / `$LOGNAME`, else
/// "me". `env` looks a variable up, so tests need not touch the real
/// environment.
pub fn default_author(env: impl Fn(&str) -> Option<String>) -> String {
    git_config_files(&env)
        .iter()
        .find_map(|file| {
            let text = read_small(file)?;
            git_user_name(&text)
        })
        .or_else(|| env("USER").or_else(|| env("LOGNAME")))
        .map(|n| crate::document::sanitize::sanitize_line(n.trim()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "me".to_owned())
}

/// Where git keeps a user's settings, in the order git reads them (the
/// last one read wins in git, so it is looked at first here).
fn git_config_files(env: &impl Fn(&str) -> Option<String>) -> Vec<PathBuf> {
    let home = env("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    let xdg = env("XDG_CONFIG_HOME")
        .filter(|x| !x.is_empty())
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let mut files = Vec::new();
    if let Some(home) = &home {
        files.push(home.join(".gitconfig"));
    }
    if let Some(xdg) = xdg {
        files.push(xdg.join("git").join("config"));
    }
    files
}

fn read_small(file: &Path) -> Option<String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(file)
        .ok()?
        .take(256 * 1024)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

/// `name` in the `[user]` section of a git config file: a tiny reader of
/// git's INI dialect (sections, `key = value`, quotes, `#`/`;` comments).
/// The last one given wins, as in git.
pub fn git_user_name(text: &str) -> Option<String> {
    let mut in_user = false;
    let mut found = None;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            let section = line
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or_default();
            in_user = section.trim().eq_ignore_ascii_case("user");
            continue;
        }
        if !in_user {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim().eq_ignore_ascii_case("name") {
            let value = unquote(value.trim());
            if !value.is_empty() {
                found = Some(value);
            }
        }
    }
    found
}

/// A git config value without its quotes and trailing comment.
fn unquote(value: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(match next {
                        'n' => ' ',
                        't' => ' ',
                        other => other,
                    });
                }
            }
            '#' | ';' if !quoted => break,
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_name_is_read_from_git_config_text() {
        let text = "[core]\n\tname = not-me\n[user]\n\temail = d@x\n\tname = \"Dana Smith\" # me\n";
        assert_eq!(git_user_name(text).as_deref(), Some("Dana Smith"));
        assert_eq!(
            git_user_name("[User]\nName = Bo ; c\n").as_deref(),
            Some("Bo")
        );
        assert_eq!(git_user_name("[user]\nemail = x\n"), None);
    }

    #[test]
    fn without_git_the_login_name_signs() {
        let env = |k: &str| match k {
            "HOME" => Some("/nonexistent-home-for-test".to_owned()),
            "LOGNAME" => Some("dana".to_owned()),
            _ => None,
        };
        assert_eq!(default_author(env), "dana");
        assert_eq!(default_author(|_| None), "me");
    }
}
