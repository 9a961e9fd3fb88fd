//! What is generated from the argument definitions rather than written by hand: the
//! shell completion scripts and the man pages (the packages install both; scripts and
//! `--help` can never disagree with them).

use crate::args::Cli;
use crate::failure::Failure;
use clap::CommandFactory;
use std::path::Path;

/// The program name completions and man pages are for.
pub const BIN: &str = "cognito-desk-cli";

/// `shell`'s completion script on stdout.
pub fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut out = Vec::new();
    completion_script(shell, &mut out);
    use std::io::Write;
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Failure::usage(format!("Could not write the script: {e}"), "Check stdout."))
}

pub fn completion_script(shell: clap_complete::Shell, out: &mut Vec<u8>) {
    if shell != clap_complete::Shell::Bash {
        clap_complete::generate(shell, &mut Cli::command(), BIN, out);
        return;
    }
    // clap_complete 4.6 spells a hyphenated name's states two ways in its bash script,
    // so nothing past the first word completes (clap-rs/clap#6421, open). Generated for
    // a name without hyphens the script is consistent; only the `complete` lines that
    // register it then name the real program.
    let bare = BIN.replace('-', "_");
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), &bare, &mut script);
    let script = String::from_utf8_lossy(&script);
    for line in script.lines() {
        let line = match line.trim_start().starts_with("complete -F") {
            true => line.replace(&format!(" {bare}"), &format!(" {BIN}")),
            false => line.to_owned(),
        };
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
}

/// `cognito-desk-cli.1` and a page per subcommand (`cognito-desk-cli-profile-add.1`, …)
/// in `dir`.
pub fn man_pages(dir: &Path) -> Result<(), Failure> {
    let failed = |e: std::io::Error| {
        Failure::usage(
            format!("Could not write the man pages to {}: {e}", dir.display()),
            "Name a folder you may write to with --dir.",
        )
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(failed)?;
    eprintln!("Wrote the man pages to {}.", dir.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subcommand's path (`["profile", "add"]`), hidden ones and help left out.
    fn subcommands(cmd: &clap::Command, path: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            if sub.is_hide_set() || sub.get_name() == "help" {
                continue;
            }
            let mut p = path.to_vec();
            p.push(sub.get_name().to_owned());
            out.push(p.clone());
            subcommands(sub, &p, out);
        }
    }

    fn all_subcommands() -> Vec<Vec<String>> {
        let mut out = Vec::new();
        subcommands(&Cli::command(), &[], &mut out);
        out
    }

    #[test]
    fn the_argument_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_is_in_each_shells_completions() {
        let subs = all_subcommands();
        assert!(subs.len() > 20, "{subs:?}");
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
        ] {
            let mut out = Vec::new();
            completion_script(shell, &mut out);
            let script = String::from_utf8(out).unwrap();
            for path in &subs {
                let name = path.last().unwrap();
                assert!(script.contains(name.as_str()), "{shell}: no {path:?}");
            }
            // There are no options that take a secret to offer.
            for option in ["--password ", "--client-secret "] {
                assert!(!script.contains(option), "{shell} offers {option}");
            }
        }
    }

    /// What bash offers for `words` (the last one being completed), with the script
    /// sourced as the packages install it.
    fn bash_completes(words: &[&str]) -> Vec<String> {
        let mut script = Vec::new();
        completion_script(clap_complete::Shell::Bash, &mut script);
        let file = std::env::temp_dir().join(format!("cognito-desk-bash-{}", std::process::id()));
        std::fs::write(&file, script).unwrap();
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let probe = format!(
            "source '{}'\n\
             f=$(complete -p {BIN} | sed 's/.*-F \\([^ ]*\\).*/\\1/')\n\
             COMP_WORDS=({})\nCOMP_CWORD={}\n\
             \"$f\" {BIN} '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
            file.display(),
            quoted.join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(probe)
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&file);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn bash_completes_subcommands_their_options_and_values() {
        let top = bash_completes(&[BIN, "pro"]);
        assert_eq!(top, ["profiles", "profile"]);
        let profile = bash_completes(&[BIN, "profile", ""]);
        for sub in [
            "add", "set", "remove", "select", "export", "import", "schema",
        ] {
            assert!(profile.iter().any(|w| w == sub), "{profile:?}");
        }
        let add = bash_completes(&[BIN, "profile", "add", "Staging", "--client-secret"]);
        assert_eq!(add, ["--client-secret-stdin", "--client-secret-prompt"]);
        let flows = bash_completes(&[BIN, "profile", "add", "X", "--sign-in-flow", ""]);
        assert_eq!(flows, ["srp", "password", "user-auth", "custom"]);
        let check = bash_completes(&[BIN, "check", "--no"]);
        assert_eq!(check, ["--no-wait"]);
    }

    #[test]
    fn every_subcommand_has_a_man_page_and_the_main_page_lists_them() {
        let dir = std::env::temp_dir().join(format!("cognito-desk-man-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        man_pages(&dir).unwrap();
        let main = std::fs::read_to_string(dir.join(format!("{BIN}.1"))).unwrap();
        assert!(main.starts_with(".ie") || main.contains(".TH"), "{main}");
        for path in all_subcommands() {
            let page = dir.join(format!("{BIN}-{}.1", path.join("-")));
            let text = std::fs::read_to_string(&page)
                .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
            assert!(text.contains(".TH"), "{}", page.display());
            if path.len() == 1 {
                // roff escapes the hyphens of names.
                let listed = format!("{BIN}-{}(1)", path[0]).replace('-', "\\-");
                assert!(main.contains(&listed), "the main page lists {listed}");
            }
        }
        let add = std::fs::read_to_string(dir.join(format!("{BIN}-profile-add.1"))).unwrap();
        for flag in [
            "region",
            "user\\-pool\\-id",
            "client\\-secret\\-stdin",
            "from\\-amplify",
        ] {
            assert!(add.contains(flag), "profile add's page names --{flag}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
