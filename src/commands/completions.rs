//! `alchemiser completions SHELL` and `alchemiser man`: generated from the clap definitions,
//! so they always match the binary (the copies under `completions/` are checked by a test).

use std::io::{self, Write};

use crate::cli::command;
use crate::exit::Exit;

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), "alchemiser", &mut out);
    out
}

/// Terms and what they mean, as a page lists them.
type Items = &'static [(&'static str, &'static str)];

/// What a page says beyond the options: examples, exit codes, files.
struct Manual {
    examples: Items,
    exit: Items,
    files: Items,
    /// Talks to AWS: the AWS variables and exit codes 3 to 7 apply.
    aws: bool,
}

/// Exit codes every AWS command shares.
const AWS_EXIT: &[(&str, &str)] = &[
    ("3", "AWS configuration: no region, credentials that cannot be loaded, a request that cannot be built."),
    ("4", "AWS unreachable: connection refused, DNS, timeout (--timeout)."),
    ("5", "AWS refused: access denied, unrecognised client, bad signature, expired token."),
    ("6", "An AWS resource does not exist: the bus, the function, a rule, the archive, the log group."),
    ("7", "Any other AWS error (throttled, validation, internal error)."),
    ("130", "Interrupted by Ctrl-C."),
];

fn manual(command: &str) -> Manual {
    let (examples, exit, files, aws): (Items, Items, Items, bool) = match command {
        "route" => (
            &[
                ("alchemiser route test-events/", "Predict every bundled event."),
                ("alchemiser route events.jsonl -o json --stage prod", "JSON Lines, one record per event, in prod."),
                ("alchemiser route --check deploy/events/", "CI smoke check against recorded expectations."),
                ("alchemiser route --check --record deploy/events/", "Write the missing or changed expectations."),
            ],
            &[
                ("0", "Every input predicted (and with --check, every expectation held)."),
                ("1", "An expectation failed (--check)."),
                ("2", "Usage error, or an input that could not be read (the others are still predicted)."),
            ],
            &[("x.expected.json, x.expected.jsonl", "The expectations --check compares with, beside each input.")],
            false,
        ),
        "pattern" => (
            &[(
                "alchemiser pattern test --rule alchemiser-signal-generated-dev --event e.json",
                "Does a 2.27.0 rule match this event?",
            )],
            &[("0", "Any pattern matched."), ("1", "None matched."), ("2", "An invalid pattern or event.")],
            &[],
            false,
        ),
        "rules" => (
            &[
                ("alchemiser rules list --stage prod", "Every rule on the prod bus."),
                (
                    "alchemiser rules disable alchemiser-all-events-monitor-prod --stage prod",
                    "The rollback lever (asks first).",
                ),
                ("alchemiser rules restore --latest --stage prod", "Put back the states before the last change."),
                ("alchemiser rules snapshots", "The snapshots kept, newest first."),
            ],
            &[
                ("0", "Every rule in the wanted state; list, show, snapshots done."),
                ("1", "Some rules changed and others failed, the prompt was declined, or lint findings."),
                ("2", "Usage error: no --yes without a terminal, a bad snapshot, a --stage that contradicts a name."),
            ],
            &[(
                "$XDG_STATE_HOME/alchemiser/snapshots",
                "Rule snapshots, one per change (default ~/.local/state/alchemiser/snapshots; --snapshot-dir).",
            )],
            true,
        ),
        "put-events" => (
            &[
                (
                    "alchemiser put-events events.jsonl --dry-run",
                    "The entries and the guard's verdicts; sends nothing.",
                ),
                (
                    "alchemiser put-events events.jsonl --failed-out failed.jsonl --unknown-out unknown.jsonl",
                    "Send, keeping what failed and what is unknown.",
                ),
                ("alchemiser put-events failed.jsonl", "Send the failed ones again (never the unknown ones)."),
            ],
            &[
                ("0", "Everything sent (or, with --dry-run, would be)."),
                ("1", "Some events not sent: refused, invalid, failed or unknown."),
                ("2", "An unreadable input or a --stage that contradicts the bus."),
            ],
            &[
                ("--failed-out FILE", "The failed entries, safe to send again; always written."),
                ("--unknown-out FILE", "The entries that may have been delivered; always written."),
                ("--report FILE", "Every input's outcome as JSON Lines."),
            ],
            true,
        ),
        "invoke" => (
            &[
                (
                    "alchemiser invoke test-events/workflow-started-no-handler.json",
                    "Invoke and compare with the prediction.",
                ),
                ("alchemiser invoke '{\"mode\":\"trade\"}' --force", "A paper trade in dev."),
            ],
            &[
                ("0", "The result matches the prediction."),
                ("1", "It differs, or the guard refused."),
                ("2", "An invalid event or a --stage that contradicts the function."),
            ],
            &[],
            true,
        ),
        "replay" => (
            &[
                ("alchemiser replay --since 2h --until 15m --dry-run", "What would be started."),
                ("alchemiser replay --since 2h --until 15m --wait", "Replay and follow it (asks first)."),
                ("alchemiser replay status replay-20261129-061500", "One replay's state and progress."),
            ],
            &[
                ("0", "Started, a dry run, or with --wait COMPLETED; list, status, cancel done."),
                ("1", "With --wait FAILED or CANCELLED, or the prompt was declined."),
                ("2", "A bad window or name, an archive of another bus, no --yes without a terminal."),
            ],
            &[],
            true,
        ),
        "archives" => (
            &[("alchemiser archives", "Every archive: state, source bus, events, size, retention.")],
            &[("0", "Listed.")],
            &[],
            true,
        ),
        "logs" => (
            &[
                ("alchemiser logs --since 1h", "Routed domain events of the last hour."),
                ("alchemiser logs -f", "Follow until Ctrl-C."),
                ("alchemiser logs --summary --since 1d", "Counts: paths, outcomes, errors, durations."),
            ],
            &[("0", "Done (also when nothing matched)."), ("2", "A bad --since, --until or --correlation-id.")],
            &[],
            true,
        ),
        "status" => (
            &[
                (
                    "alchemiser status --stage prod",
                    "The prod deployment at a glance; exit 1 if anything needs attention.",
                ),
                (
                    "alchemiser status -o json --since 6h",
                    "One JSON object (healthy, findings, notes, each part) for a cron job or CI.",
                ),
            ],
            &[
                ("0", "Healthy: nothing needs attention (notes, properties of 2.27.0 itself, may be shown)."),
                (
                    "1",
                    "Findings: a rule disabled or drifted, a missing resource, a stage or endpoint contradicting --stage, retention other than 365 days, errors in the window, a stuck replay.",
                ),
                ("2", "A bad --since."),
            ],
            &[],
            true,
        ),
        "config" => (
            &[
                ("alchemiser config show", "Every setting, its value and where it comes from."),
                ("alchemiser config show --stage prod -o json", "The same for prod, as JSON Lines."),
            ],
            &[("0", "Shown."), ("2", "The configuration file has a mistake (its line is named).")],
            &[(
                "$XDG_CONFIG_HOME/alchemiser/config.toml",
                "Defaults for stage, profile, region, endpoint_url and, per [dev] or [prod], bus, function, archive, log_group (default ~/.config/alchemiser/config.toml).",
            )],
            false,
        ),
        "completions" => (
            &[(
                "alchemiser completions bash > ~/.local/share/bash-completion/completions/alchemiser",
                "Install bash completion.",
            )],
            &[("0", "Printed.")],
            &[],
            false,
        ),
        _ => (
            &[("alchemiser man put-events | man -l -", "Read a command's page.")],
            &[("0", "Printed."), ("2", "No such command.")],
            &[],
            false,
        ),
    };
    Manual { examples, exit, files, aws }
}

/// Text for roff: backslashes and leading dots or quotes cannot be taken as requests.
fn roff(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with('.') || text.starts_with('\'') { format!("\\&{text}") } else { text }
}

fn section(out: &mut Vec<u8>, title: &str, items: &[(&str, &str)]) -> io::Result<()> {
    writeln!(out, ".SH \"{title}\"")?;
    for (term, text) in items {
        writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(term), roff(text))?;
    }
    Ok(())
}

/// A man page in roff: `alchemiser(1)` without a command, else `alchemiser-COMMAND(1)`, with the
/// options from the clap definitions and the sections a person looks for.
pub fn man_page(command: Option<&str>) -> io::Result<Vec<u8>> {
    let mut root = crate::cli::command();
    // Global options (--stage, -o, --color) reach the subcommands only once built.
    root.build();
    let (cmd, name) = match command {
        None => (root.clone(), "alchemiser".to_string()),
        Some(name) => {
            let sub = root
                .find_subcommand(name)
                .filter(|_| name != "help")
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("no command {name}")))?;
            let page = format!("alchemiser-{name}");
            (sub.clone().name(page.clone()).bin_name(format!("alchemiser {name}")), page)
        }
    };
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    if cmd.get_subcommands().next().is_some() {
        man.render_subcommands_section(&mut out)?;
    }
    let manual = manual(command.unwrap_or(""));
    if command.is_some() {
        let mut exit: Vec<(&str, &str)> = manual.exit.to_vec();
        if manual.aws {
            exit.extend_from_slice(AWS_EXIT);
        }
        section(&mut out, "EXIT STATUS", &exit)?;
        let mut environment: Vec<(&str, &str)> = vec![
            ("ALCHEMISER_STAGE", "The stage when --stage is not given (dev or prod)."),
            ("NO_COLOR", "When set and not empty, no colour."),
            ("XDG_CONFIG_HOME", "Where the configuration file is (default ~/.config): see alchemiser-config(1)."),
        ];
        if manual.aws {
            environment.extend_from_slice(&[
                (
                    "AWS_PROFILE, AWS_REGION, AWS_DEFAULT_REGION",
                    "As for the AWS CLI, when --profile or --region is not given.",
                ),
                (
                    "AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>",
                    "Another endpoint, such as an emulator (or --endpoint-url).",
                ),
                (
                    "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN",
                    "Credentials, as the AWS SDK reads them.",
                ),
                ("AWS_MAX_ATTEMPTS", "Attempts per AWS call (or --max-attempts)."),
            ]);
        }
        if command == Some("rules") {
            environment.push(("XDG_STATE_HOME", "Where the snapshot folder is (default ~/.local/state)."));
        }
        section(&mut out, "ENVIRONMENT", &environment)?;
        if !manual.files.is_empty() {
            section(&mut out, "FILES", manual.files)?;
        }
        section(&mut out, "EXAMPLES", manual.examples)?;
    }
    let pages: Vec<String> = root
        .get_subcommands()
        .map(|c| c.get_name())
        .filter(|n| *n != "help" && format!("alchemiser-{n}") != name)
        .map(|n| format!("alchemiser\\-{}(1)", roff(n)))
        .collect();
    writeln!(out, ".SH \"SEE ALSO\"\n{}", pages.join(", "))?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

pub fn execute_completions(args: crate::cli::CompletionsArgs) -> Exit {
    super::finish_io(io::stdout().lock().write_all(&script(args.shell)).map(|_| Exit::Success))
}

pub fn execute_man(args: crate::cli::ManArgs) -> Exit {
    match man_page(args.command.as_deref()) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            eprintln!("error: {e}: see `alchemiser --help` for the commands");
            Exit::Error
        }
        page => super::finish_io(page.and_then(|page| io::stdout().lock().write_all(&page)).map(|_| Exit::Success)),
    }
}
