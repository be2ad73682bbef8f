
use builtin;
use str;

set edit:completion:arg-completer[alchemiser] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'alchemiser'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'alchemiser'= {
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand route 'Predict what the deployed 2.27.0 system does with events (offline)'
            cand pattern 'Test events against EventBridge event patterns (offline)'
            cand rules 'List, show, enable, disable and restore the rules on the bus (AWS)'
            cand put-events 'Send events to the bus, each routed locally first (AWS)'
            cand invoke 'Invoke the Lambda with an event and compare with the prediction (AWS)'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand man 'Print a man page (roff): alchemiser(1), or alchemiser-COMMAND(1)'
            cand replay 'Replay archived events to the bus (`--since …`), or list, inspect and cancel replays (AWS)'
            cand archives 'List the event archives: state, source bus, event count, size, retention (AWS)'
            cand logs 'Read, follow, live-tail or summarise the Lambda''s logs (AWS)'
            cand config 'The settings in force and where each comes from (flag, environment, config file, built in)'
            cand status 'The deployment at a glance: rules, archive, Lambda, recent activity, drift from 2.27.0 (AWS)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;route'= {
            cand -f 'An event file (repeatable; same as a positional PATH)'
            cand --file 'An event file (repeatable; same as a positional PATH)'
            cand --template 'Read the rules, targets and archive from a SAM/CloudFormation template'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand --jsonl 'Read every input as JSON Lines, whatever its extension'
            cand -L 'Follow symbolic links inside folders (each file is read once; loops are reported)'
            cand --follow 'Follow symbolic links inside folders (each file is read once; loops are reported)'
            cand --live 'Read the rules, targets and archive from the deployed bus (AWS)'
            cand --check 'Compare each prediction with the expectation recorded beside its file (x.json → x.expected.json, x.jsonl → x.expected.jsonl); exit 1 on any difference'
            cand --record 'With --check: write the expectation files that are missing or differ, from the predictions, after showing each difference (to seed a folder of your own events)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;pattern'= {
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand test 'Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;pattern;test'= {
            cand --pattern 'The pattern: inline JSON, a file, or `-` for stdin'
            cand --rule 'Test against this bus rule''s pattern (repeatable)'
            cand --event 'The event: inline JSON, a file, or `-` for stdin'
            cand --events 'Test many events, read as `route` reads them (files, folders, JSON Lines, `-` for stdin): print each matching event as a JSON line, as grep prints lines'
            cand --template 'Read the rules, targets and archive from a SAM/CloudFormation template'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand --all-rules 'Test against every rule of the bus'
            cand --count 'With --events: print only how many events are selected'
            cand -v 'With --events: select the events that match no pattern'
            cand --invert 'With --events: select the events that match no pattern'
            cand --jsonl 'With --events: read every input as JSON Lines, whatever its extension'
            cand -L 'With --events: follow symbolic links inside folders'
            cand --follow 'With --events: follow symbolic links inside folders'
            cand --remote 'Ask AWS''s TestEventPattern too, and say where it disagrees with the local engine'
            cand --live 'Read the rules, targets and archive from the deployed bus (AWS)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;pattern;help'= {
            cand test 'Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;pattern;help;test'= {
        }
        &'alchemiser;pattern;help;help'= {
        }
        &'alchemiser;rules'= {
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every rule on the bus: state, pattern or schedule, targets'
            cand show 'One rule in detail: pattern, targets with retry policy and dead-letter queue'
            cand enable 'Enable rules (snapshotting every rule''s state first)'
            cand disable 'Disable rules (snapshotting every rule''s state first)'
            cand restore 'Put every rule of a snapshot back to its recorded state'
            cand snapshots 'The snapshots in the snapshot folder, newest first: bus, region, when, rules'
            cand lint 'Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;rules;list'= {
            cand --prefix 'Only rules whose name starts with this'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;rules;show'= {
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;rules;enable'= {
            cand --snapshot 'Where to save every rule''s state before changing anything (default: the snapshot folder, as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten)'
            cand --snapshot-dir 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand --all 'Every rule on the bus except those AWS manages (ManagedBy set, e.g. an archive''s Events-Archive-*)'
            cand -y 'Change without asking (required when there is no terminal)'
            cand --yes 'Change without asking (required when there is no terminal)'
            cand --dry-run 'Show what would change; change nothing and write no snapshot'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;rules;disable'= {
            cand --snapshot 'Where to save every rule''s state before changing anything (default: the snapshot folder, as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten)'
            cand --snapshot-dir 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand --all 'Every rule on the bus except those AWS manages (ManagedBy set, e.g. an archive''s Events-Archive-*)'
            cand -y 'Change without asking (required when there is no terminal)'
            cand --yes 'Change without asking (required when there is no terminal)'
            cand --dry-run 'Show what would change; change nothing and write no snapshot'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;rules;restore'= {
            cand --snapshot 'Where to save every rule''s state before changing anything (default: the snapshot folder, as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten)'
            cand --snapshot-dir 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand --latest 'The newest snapshot of this bus in the snapshot folder'
            cand -y 'Change without asking (required when there is no terminal)'
            cand --yes 'Change without asking (required when there is no terminal)'
            cand --dry-run 'Show what would change; change nothing and write no snapshot'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;rules;snapshots'= {
            cand --snapshot-dir 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;rules;lint'= {
            cand --template 'Read the rules, targets and archive from a SAM/CloudFormation template'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand --live 'Read the rules, targets and archive from the deployed bus (AWS)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;rules;help'= {
            cand list 'Every rule on the bus: state, pattern or schedule, targets'
            cand show 'One rule in detail: pattern, targets with retry policy and dead-letter queue'
            cand enable 'Enable rules (snapshotting every rule''s state first)'
            cand disable 'Disable rules (snapshotting every rule''s state first)'
            cand restore 'Put every rule of a snapshot back to its recorded state'
            cand snapshots 'The snapshots in the snapshot folder, newest first: bus, region, when, rules'
            cand lint 'Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;rules;help;list'= {
        }
        &'alchemiser;rules;help;show'= {
        }
        &'alchemiser;rules;help;enable'= {
        }
        &'alchemiser;rules;help;disable'= {
        }
        &'alchemiser;rules;help;restore'= {
        }
        &'alchemiser;rules;help;snapshots'= {
        }
        &'alchemiser;rules;help;lint'= {
        }
        &'alchemiser;rules;help;help'= {
        }
        &'alchemiser;put-events'= {
            cand --rules 'The rules the guard routes events through: the bus''s deployed rules and targets, or the embedded 2.27.0 ones'
            cand --template 'Route through the rules of a SAM/CloudFormation template instead'
            cand --failed-out 'Write the `failed` entries here (JSON Lines envelopes; safe to send again). Always written, empty when nothing failed'
            cand --unknown-out 'Write the `unknown` entries here (JSON Lines envelopes; they may have been delivered: check before sending again). Always written, empty when none'
            cand --report 'Write every input''s outcome here as JSON Lines (what `-o json` prints), whatever `-o` is; the table lists only the events that were not sent'
            cand --concurrency 'PutEvents calls in flight at once'
            cand --attempts 'Attempts per entry when AWS answers ThrottlingException or InternalFailure'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand --jsonl 'Read every input as JSON Lines, whatever its extension'
            cand -L 'Follow symbolic links inside folders (each file is read once; loops are reported)'
            cand --follow 'Follow symbolic links inside folders (each file is read once; loops are reported)'
            cand --force 'Send events the prediction flags (trades, crashes, validation failures)'
            cand -y 'Confirm without asking; needed (with --force) for live trades in prod off a terminal'
            cand --yes 'Confirm without asking; needed (with --force) for live trades in prod off a terminal'
            cand --dry-run 'Print the entries and the guard''s verdicts; send nothing (the deployed rules are still read when AWS can be reached, else the embedded 2.27.0 rules decide)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;invoke'= {
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand --async 'Invoke asynchronously (InvocationType Event), as EventBridge does: no result'
            cand --force 'Send events the prediction flags (trades, crashes, validation failures)'
            cand -y 'Confirm without asking; needed (with --force) for live trades in prod off a terminal'
            cand --yes 'Confirm without asking; needed (with --force) for live trades in prod off a terminal'
            cand --dry-run 'Show the prediction and the guard''s verdict; invoke nothing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;completions'= {
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;man'= {
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;replay'= {
            cand --since 'Replay events from this time: 30s, 5m, 2h, 1d, 1w (ago), now, epoch seconds, or ISO 8601 (without a zone: local time)'
            cand --until 'Replay events up to this time (same forms; default: now)'
            cand --rule 'Deliver only to this rule of the bus (repeatable; default: every rule)'
            cand --name 'The replay''s name (default: replay-YYYYMMDD-HHMMSS, now in UTC)'
            cand --archive 'The archive to replay (default: alchemiser-event-archive-<stage>)'
            cand --poll-interval 'Seconds between DescribeReplay calls with --wait [default: 5]'
            cand --events-out 'With --preview: write the captured events to FILE, one JSON line each'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -y 'Start without asking (required when there is no terminal)'
            cand --yes 'Start without asking (required when there is no terminal)'
            cand --dry-run 'Show what would be started; start nothing'
            cand --wait 'Wait for the replay to end: exit 0 when COMPLETED, 1 when FAILED or CANCELLED'
            cand --preview 'Show what the replay would do, without doing it: replay the window into a temporary capture rule and queue only, then route what arrives offline (the window is read twice: now, and again by the real replay)'
            cand --keep 'With --preview: leave the capture rule and queue in place, and print their names'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Replays in this account and region (they are not per bus)'
            cand status 'One replay: state, window, progress, archive, destination and rule filter'
            cand cancel 'Cancel a replay (events already replayed stay delivered)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;replay;list'= {
            cand --prefix 'Only replays whose name starts with this'
            cand --state 'Only replays in this state'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;replay;status'= {
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;replay;cancel'= {
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -y 'Cancel without asking (required when there is no terminal)'
            cand --yes 'Cancel without asking (required when there is no terminal)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;replay;help'= {
            cand list 'Replays in this account and region (they are not per bus)'
            cand status 'One replay: state, window, progress, archive, destination and rule filter'
            cand cancel 'Cancel a replay (events already replayed stay delivered)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;replay;help;list'= {
        }
        &'alchemiser;replay;help;status'= {
        }
        &'alchemiser;replay;help;cancel'= {
        }
        &'alchemiser;replay;help;help'= {
        }
        &'alchemiser;archives'= {
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every archive in this account and region'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;archives;list'= {
            cand --prefix 'Only archives whose name starts with this'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;archives;help'= {
            cand list 'Every archive in this account and region'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;archives;help;list'= {
        }
        &'alchemiser;archives;help;help'= {
        }
        &'alchemiser;logs'= {
            cand --log-group 'Log group (default: /aws/lambda/the-alchemiser-v2-lambda-<stage>)'
            cand --since 'Start: 30s, 5m, 2h, 1d, 1w (ago), now, epoch seconds, or ISO 8601 (without a zone: local time)'
            cand --until 'End (same forms; default: now)'
            cand --filter 'CloudWatch Logs filter pattern, passed through (default: "Routing to eventbridge_handler")'
            cand --correlation-id 'Follow one workflow: lines holding this id (filtered as a quoted term unless --filter or --all is given), or carrying it in a parsed field'
            cand --limit 'Stop after N events'
            cand --page-size 'Events per FilterLogEvents call (default: AWS''s maximum, 10000)'
            cand --interval 'Seconds between polls with --follow'
            cand --idle-notice 'With --follow, say on stderr after this many seconds without a new event (0: never)'
            cand --format 'How to print each event (`-o json` means json)'
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand --all 'Every event: no filter pattern'
            cand -f 'Keep polling for new events until Ctrl-C (nothing missed or printed twice)'
            cand --follow 'Keep polling for new events until Ctrl-C (nothing missed or printed twice)'
            cand --live 'Stream events as they arrive with CloudWatch Live Tail, until Ctrl-C'
            cand --summary 'Print counts (paths, outcomes, detail-types, errors, durations) instead of the lines'
            cand --insights 'With --summary: have CloudWatch Logs Insights count the lines (the default for windows over 24 hours), instead of reading every line here'
            cand --no-insights 'With --summary: read every line here, whatever the window'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;config'= {
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;config;show'= {
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;config;help'= {
            cand show 'Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;config;help;show'= {
        }
        &'alchemiser;config;help;help'= {
        }
        &'alchemiser;status'= {
            cand --profile 'AWS profile (default: AWS_PROFILE, else `default`)'
            cand --region 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)'
            cand --endpoint-url 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)'
            cand --max-attempts 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)'
            cand --timeout 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it'
            cand --bus 'Event bus name (default: alchemiser-trading-events-<stage>)'
            cand --function 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)'
            cand --since 'The window of recent activity read from the logs: `1h`, `30m`, `2d`, or a time'
            cand --archive 'The archive (default: alchemiser-event-archive-<stage>)'
            cand --log-group 'The Lambda''s log group (default: /aws/lambda/<function>)'
            cand --stage 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it'
            cand -o 'Output format: tables for people, JSON Lines for scripts'
            cand --output 'Output format: tables for people, JSON Lines for scripts'
            cand --color 'When to colour output (NO_COLOR is honoured by `auto`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'alchemiser;help'= {
            cand route 'Predict what the deployed 2.27.0 system does with events (offline)'
            cand pattern 'Test events against EventBridge event patterns (offline)'
            cand rules 'List, show, enable, disable and restore the rules on the bus (AWS)'
            cand put-events 'Send events to the bus, each routed locally first (AWS)'
            cand invoke 'Invoke the Lambda with an event and compare with the prediction (AWS)'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand man 'Print a man page (roff): alchemiser(1), or alchemiser-COMMAND(1)'
            cand replay 'Replay archived events to the bus (`--since …`), or list, inspect and cancel replays (AWS)'
            cand archives 'List the event archives: state, source bus, event count, size, retention (AWS)'
            cand logs 'Read, follow, live-tail or summarise the Lambda''s logs (AWS)'
            cand config 'The settings in force and where each comes from (flag, environment, config file, built in)'
            cand status 'The deployment at a glance: rules, archive, Lambda, recent activity, drift from 2.27.0 (AWS)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alchemiser;help;route'= {
        }
        &'alchemiser;help;pattern'= {
            cand test 'Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid'
        }
        &'alchemiser;help;pattern;test'= {
        }
        &'alchemiser;help;rules'= {
            cand list 'Every rule on the bus: state, pattern or schedule, targets'
            cand show 'One rule in detail: pattern, targets with retry policy and dead-letter queue'
            cand enable 'Enable rules (snapshotting every rule''s state first)'
            cand disable 'Disable rules (snapshotting every rule''s state first)'
            cand restore 'Put every rule of a snapshot back to its recorded state'
            cand snapshots 'The snapshots in the snapshot folder, newest first: bus, region, when, rules'
            cand lint 'Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings'
        }
        &'alchemiser;help;rules;list'= {
        }
        &'alchemiser;help;rules;show'= {
        }
        &'alchemiser;help;rules;enable'= {
        }
        &'alchemiser;help;rules;disable'= {
        }
        &'alchemiser;help;rules;restore'= {
        }
        &'alchemiser;help;rules;snapshots'= {
        }
        &'alchemiser;help;rules;lint'= {
        }
        &'alchemiser;help;put-events'= {
        }
        &'alchemiser;help;invoke'= {
        }
        &'alchemiser;help;completions'= {
        }
        &'alchemiser;help;man'= {
        }
        &'alchemiser;help;replay'= {
            cand list 'Replays in this account and region (they are not per bus)'
            cand status 'One replay: state, window, progress, archive, destination and rule filter'
            cand cancel 'Cancel a replay (events already replayed stay delivered)'
        }
        &'alchemiser;help;replay;list'= {
        }
        &'alchemiser;help;replay;status'= {
        }
        &'alchemiser;help;replay;cancel'= {
        }
        &'alchemiser;help;archives'= {
            cand list 'Every archive in this account and region'
        }
        &'alchemiser;help;archives;list'= {
        }
        &'alchemiser;help;logs'= {
        }
        &'alchemiser;help;config'= {
            cand show 'Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml'
        }
        &'alchemiser;help;config;show'= {
        }
        &'alchemiser;help;status'= {
        }
        &'alchemiser;help;help'= {
        }
    ]
    $completions[$command]
}
