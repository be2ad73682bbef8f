//! Completions and the man page: the committed copies match the binary, and the scripts load
//! and complete in real bash, zsh and fish.

use std::path::Path;
use std::process::Command;

fn generated(args: &[&str]) -> String {
    let out = assert_cmd::Command::cargo_bin("alchemiser")
        .expect("binary")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn committed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (run scripts/completions)", path.display()))
}

#[test]
fn committed_files_match_the_binary() {
    for (shell, file) in [
        ("bash", "alchemiser.bash"),
        ("zsh", "_alchemiser"),
        ("fish", "alchemiser.fish"),
        ("powershell", "_alchemiser.ps1"),
        ("elvish", "alchemiser.elv"),
    ] {
        assert!(
            generated(&["completions", shell]) == committed(file),
            "completions/{file} is stale: run scripts/completions"
        );
    }
    assert!(
        generated(&["man"]) == committed("alchemiser.1"),
        "completions/alchemiser.1 is stale: run scripts/completions"
    );
    for command in commands() {
        let file = format!("man/alchemiser-{command}.1");
        assert!(
            generated(&["man", &command]) == committed(&file),
            "completions/{file} is stale: run scripts/completions"
        );
    }
}

/// The subcommands, as `alchemiser --help` lists them.
fn commands() -> Vec<String> {
    let help = generated(&["--help"]);
    let listed = help.split("Commands:").nth(1).and_then(|rest| rest.split("Options:").next()).unwrap_or_default();
    let commands: Vec<String> = listed
        .lines()
        // A command starts its line; a wrapped description is indented further.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    assert!(commands.len() >= 10, "{help}");
    commands
}

/// Every command's page renders with man(1), without a roff warning, and has the sections a
/// person looks for.
#[test]
fn every_command_has_a_man_page_that_renders() {
    for command in commands() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("completions/man/alchemiser-{command}.1"));
        let output = Command::new("man")
            .arg("-l")
            .arg(&path)
            .env("MANWIDTH", "80")
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .env("MAN_KEEP_FORMATTING", "0")
            .output()
            .expect("man: install it (scripts/test does: apt-get install man-db)");
        // Off a terminal man marks bold as `X\bX`: read the page as `col -b` would.
        let mut page = String::new();
        for c in String::from_utf8_lossy(&output.stdout).chars() {
            if c == '\u{8}' {
                page.pop();
            } else {
                page.push(c);
            }
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && stderr.trim().is_empty(), "{command}: {stderr}");
        for heading in ["NAME", "SYNOPSIS", "EXIT STATUS", "ENVIRONMENT", "EXAMPLES", "SEE ALSO"] {
            assert!(page.lines().any(|l| l == heading), "{command}: no {heading}:\n{page}");
        }
        assert!(page.contains(&format!("alchemiser-{command}")), "{command}:\n{page}");
    }
}

/// Runs `script` in `shell`; a missing shell fails the test (scripts/test installs them).
fn shell(shell: &str, args: &[&str], script: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let output = Command::new(shell)
        .args(args)
        .arg(script)
        .current_dir(&dir)
        .env("HOME", std::env::temp_dir())
        .output()
        .unwrap_or_else(|e| panic!("{shell}: {e}: install it (scripts/test does: apt-get install zsh fish)"));
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(output.status.success(), "{shell} failed: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    stdout
}

#[test]
fn bash_completes_subcommands_and_flags() {
    let out = shell(
        "bash",
        &["--norc", "-c"],
        "source ./alchemiser.bash; COMP_WORDS=(alchemiser ro); COMP_CWORD=1; COMP_LINE='alchemiser ro'; COMP_POINT=13; \
         _alchemiser alchemiser ro alchemiser; echo \"${COMPREPLY[@]}\"; \
         COMP_WORDS=(alchemiser route --st); COMP_CWORD=2; _alchemiser alchemiser --st route; echo \"${COMPREPLY[@]}\"",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.first().is_some_and(|l| l.split(' ').any(|w| w == "route")), "{out}");
    assert!(lines.get(1).is_some_and(|l| l.contains("--stage")), "{out}");
}

#[test]
fn zsh_loads_the_completion_function() {
    let out = shell(
        "zsh",
        &["-f", "-c"],
        "autoload -Uz compinit && compinit -u -D && source ./_alchemiser && whence -w _alchemiser",
    );
    assert!(out.contains("_alchemiser: function"), "{out}");
}

#[test]
fn fish_completes_subcommands() {
    let out = shell(
        "fish",
        &["--no-config", "-c"],
        "source ./alchemiser.fish; complete -C 'alchemiser ro'; complete -C 'alchemiser route --sta'",
    );
    assert!(out.lines().any(|l| l.starts_with("route")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("--stage")), "{out}");
}
