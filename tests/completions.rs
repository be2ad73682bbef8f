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
