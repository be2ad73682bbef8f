# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_alchemiser_global_optspecs
    string join \n stage= o/output= color= h/help V/version
end

function __fish_alchemiser_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_alchemiser_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_alchemiser_using_subcommand
    set -l cmd (__fish_alchemiser_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c alchemiser -n "__fish_alchemiser_needs_command" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_needs_command" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_needs_command" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "route" -d 'Predict what the deployed 2.27.0 system does with events (offline)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "pattern" -d 'Test events against EventBridge event patterns (offline)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "rules" -d 'List, show, enable, disable and restore the rules on the bus (AWS)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "put-events" -d 'Send events to the bus, each routed locally first (AWS)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "invoke" -d 'Invoke the Lambda with an event and compare with the prediction (AWS)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "man" -d 'Print a man page (roff): alchemiser(1), or alchemiser-COMMAND(1)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "replay" -d 'Replay archived events to the bus (`--since …`), or list, inspect and cancel replays (AWS)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "archives" -d 'List the event archives: state, source bus, event count, size, retention (AWS)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "logs" -d 'Read, follow, live-tail or summarise the Lambda\'s logs (AWS)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "config" -d 'The settings in force and where each comes from (flag, environment, config file, built in)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "status" -d 'The deployment at a glance: rules, archive, Lambda, recent activity, drift from 2.27.0 (AWS)'
complete -c alchemiser -n "__fish_alchemiser_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -s f -l file -d 'An event file (repeatable; same as a positional PATH)' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l template -d 'Read the rules, targets and archive from a SAM/CloudFormation template' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l jsonl -d 'Read every input as JSON Lines, whatever its extension'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -s L -l follow -d 'Follow symbolic links inside folders (each file is read once; loops are reported)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l live -d 'Read the rules, targets and archive from the deployed bus (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l check -d 'Compare each prediction with the expectation recorded beside its file (x.json → x.expected.json, x.jsonl → x.expected.jsonl); exit 1 on any difference'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -l record -d 'With --check: write the expectation files that are missing or differ, from the predictions, after showing each difference (to seed a folder of your own events)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand route" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and not __fish_seen_subcommand_from test help" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and not __fish_seen_subcommand_from test help" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and not __fish_seen_subcommand_from test help" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and not __fish_seen_subcommand_from test help" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and not __fish_seen_subcommand_from test help" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and not __fish_seen_subcommand_from test help" -f -a "test" -d 'Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and not __fish_seen_subcommand_from test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l pattern -d 'The pattern: inline JSON, a file, or `-` for stdin' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l rule -d 'Test against this bus rule\'s pattern (repeatable)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l event -d 'The event: inline JSON, a file, or `-` for stdin' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l events -d 'Test many events, read as `route` reads them (files, folders, JSON Lines, `-` for stdin): print each matching event as a JSON line, as grep prints lines' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l template -d 'Read the rules, targets and archive from a SAM/CloudFormation template' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l all-rules -d 'Test against every rule of the bus'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l count -d 'With --events: print only how many events are selected'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -s v -l invert -d 'With --events: select the events that match no pattern'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l jsonl -d 'With --events: read every input as JSON Lines, whatever its extension'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -s L -l follow -d 'With --events: follow symbolic links inside folders'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l remote -d 'Ask AWS\'s TestEventPattern too, and say where it disagrees with the local engine'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -l live -d 'Read the rules, targets and archive from the deployed bus (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from help" -f -a "test" -d 'Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand pattern; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -f -a "list" -d 'Every rule on the bus: state, pattern or schedule, targets'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -f -a "show" -d 'One rule in detail: pattern, targets with retry policy and dead-letter queue'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -f -a "enable" -d 'Enable rules (snapshotting every rule\'s state first)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -f -a "disable" -d 'Disable rules (snapshotting every rule\'s state first)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -f -a "restore" -d 'Put every rule of a snapshot back to its recorded state'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -f -a "snapshots" -d 'The snapshots in the snapshot folder, newest first: bus, region, when, rules'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -f -a "lint" -d 'Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and not __fish_seen_subcommand_from list show enable disable restore snapshots lint help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l prefix -d 'Only rules whose name starts with this' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l snapshot -d 'Where to save every rule\'s state before changing anything (default: the snapshot folder, as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten)' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l snapshot-dir -d 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l all -d 'Every rule on the bus except those AWS manages (ManagedBy set, e.g. an archive\'s Events-Archive-*)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -s y -l yes -d 'Change without asking (required when there is no terminal)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -l dry-run -d 'Show what would change; change nothing and write no snapshot'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l snapshot -d 'Where to save every rule\'s state before changing anything (default: the snapshot folder, as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten)' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l snapshot-dir -d 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l all -d 'Every rule on the bus except those AWS manages (ManagedBy set, e.g. an archive\'s Events-Archive-*)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -s y -l yes -d 'Change without asking (required when there is no terminal)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -l dry-run -d 'Show what would change; change nothing and write no snapshot'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l snapshot -d 'Where to save every rule\'s state before changing anything (default: the snapshot folder, as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten)' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l snapshot-dir -d 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l latest -d 'The newest snapshot of this bus in the snapshot folder'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -s y -l yes -d 'Change without asking (required when there is no terminal)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -l dry-run -d 'Show what would change; change nothing and write no snapshot'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from restore" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l snapshot-dir -d 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from snapshots" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l template -d 'Read the rules, targets and archive from a SAM/CloudFormation template' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -l live -d 'Read the rules, targets and archive from the deployed bus (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from lint" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every rule on the bus: state, pattern or schedule, targets'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "show" -d 'One rule in detail: pattern, targets with retry policy and dead-letter queue'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Enable rules (snapshotting every rule\'s state first)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Disable rules (snapshotting every rule\'s state first)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Put every rule of a snapshot back to its recorded state'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "snapshots" -d 'The snapshots in the snapshot folder, newest first: bus, region, when, rules'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "lint" -d 'Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l rules -d 'The rules the guard routes events through: the bus\'s deployed rules and targets, or the embedded 2.27.0 ones' -r -f -a "deployed\t'ListRules and ListTargetsByRule on the bus, once per run'
embedded\t'The four rules of 2.27.0, as its template deploys them'"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l template -d 'Route through the rules of a SAM/CloudFormation template instead' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l failed-out -d 'Write the `failed` entries here (JSON Lines envelopes; safe to send again). Always written, empty when nothing failed' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l unknown-out -d 'Write the `unknown` entries here (JSON Lines envelopes; they may have been delivered: check before sending again). Always written, empty when none' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l report -d 'Write every input\'s outcome here as JSON Lines (what `-o json` prints), whatever `-o` is; the table lists only the events that were not sent' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l concurrency -d 'PutEvents calls in flight at once' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l attempts -d 'Attempts per entry when AWS answers ThrottlingException or InternalFailure' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l jsonl -d 'Read every input as JSON Lines, whatever its extension'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -s L -l follow -d 'Follow symbolic links inside folders (each file is read once; loops are reported)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l force -d 'Send events the prediction flags (trades, crashes, validation failures)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -s y -l yes -d 'Confirm without asking; needed (with --force) for live trades in prod off a terminal'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -l dry-run -d 'Print the entries and the guard\'s verdicts; send nothing (the deployed rules are still read when AWS can be reached, else the embedded 2.27.0 rules decide)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand put-events" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l async -d 'Invoke asynchronously (InvocationType Event), as EventBridge does: no result'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l force -d 'Send events the prediction flags (trades, crashes, validation failures)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -s y -l yes -d 'Confirm without asking; needed (with --force) for live trades in prod off a terminal'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -l dry-run -d 'Show the prediction and the guard\'s verdict; invoke nothing'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand invoke" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand completions" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand completions" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand completions" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand completions" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand completions" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand man" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand man" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand man" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand man" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand man" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l since -d 'Replay events from this time: 30s, 5m, 2h, 1d, 1w (ago), now, epoch seconds, or ISO 8601 (without a zone: local time)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l until -d 'Replay events up to this time (same forms; default: now)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l rule -d 'Deliver only to this rule of the bus (repeatable; default: every rule)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l name -d 'The replay\'s name (default: replay-YYYYMMDD-HHMMSS, now in UTC)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l archive -d 'The archive to replay (default: alchemiser-event-archive-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l poll-interval -d 'Seconds between DescribeReplay calls with --wait [default: 5]' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l events-out -d 'With --preview: write the captured events to FILE, one JSON line each' -r -F
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -s y -l yes -d 'Start without asking (required when there is no terminal)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l dry-run -d 'Show what would be started; start nothing'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l wait -d 'Wait for the replay to end: exit 0 when COMPLETED, 1 when FAILED or CANCELLED'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l preview -d 'Show what the replay would do, without doing it: replay the window into a temporary capture rule and queue only, then route what arrives offline (the window is read twice: now, and again by the real replay)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -l keep -d 'With --preview: leave the capture rule and queue in place, and print their names'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -f -a "list" -d 'Replays in this account and region (they are not per bus)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -f -a "status" -d 'One replay: state, window, progress, archive, destination and rule filter'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -f -a "cancel" -d 'Cancel a replay (events already replayed stay delivered)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and not __fish_seen_subcommand_from list status cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l prefix -d 'Only replays whose name starts with this' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l state -d 'Only replays in this state' -r -f -a "starting\t''
running\t''
cancelling\t''
completed\t''
cancelled\t''
failed\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -s y -l yes -d 'Cancel without asking (required when there is no terminal)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from help" -f -a "list" -d 'Replays in this account and region (they are not per bus)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from help" -f -a "status" -d 'One replay: state, window, progress, archive, destination and rule filter'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a replay (events already replayed stay delivered)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand replay; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'Every archive in this account and region'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l prefix -d 'Only archives whose name starts with this' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every archive in this account and region'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand archives; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l log-group -d 'Log group (default: /aws/lambda/the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l since -d 'Start: 30s, 5m, 2h, 1d, 1w (ago), now, epoch seconds, or ISO 8601 (without a zone: local time)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l until -d 'End (same forms; default: now)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l filter -d 'CloudWatch Logs filter pattern, passed through (default: "Routing to eventbridge_handler")' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l correlation-id -d 'Follow one workflow: lines holding this id (filtered as a quoted term unless --filter or --all is given), or carrying it in a parsed field' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l limit -d 'Stop after N events' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l page-size -d 'Events per FilterLogEvents call (default: AWS\'s maximum, 10000)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l interval -d 'Seconds between polls with --follow' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l idle-notice -d 'With --follow, say on stderr after this many seconds without a new event (0: never)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l format -d 'How to print each event (`-o json` means json)' -r -f -a "short\t'Time and message'
detailed\t'Time with milliseconds, log stream and message'
json\t'One JSON object per event (same as `-o json`)'"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l all -d 'Every event: no filter pattern'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -s f -l follow -d 'Keep polling for new events until Ctrl-C (nothing missed or printed twice)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l live -d 'Stream events as they arrive with CloudWatch Live Tail, until Ctrl-C'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l summary -d 'Print counts (paths, outcomes, detail-types, errors, durations) instead of the lines'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l insights -d 'With --summary: have CloudWatch Logs Insights count the lines (the default for windows over 24 hours), instead of reading every line here'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -l no-insights -d 'With --summary: read every line here, whatever the window'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand logs" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and not __fish_seen_subcommand_from show help" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and not __fish_seen_subcommand_from show help" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and not __fish_seen_subcommand_from show help" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and not __fish_seen_subcommand_from show help" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l profile -d 'AWS profile (default: AWS_PROFILE, else `default`)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l region -d 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile\'s region)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l endpoint-url -d 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l max-attempts -d 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l timeout -d 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l bus -d 'Event bus name (default: alchemiser-trading-events-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l function -d 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l since -d 'The window of recent activity read from the logs: `1h`, `30m`, `2d`, or a time' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l archive -d 'The archive (default: alchemiser-event-archive-<stage>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l log-group -d 'The Lambda\'s log group (default: /aws/lambda/<function>)' -r
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l stage -d 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target\'s name says, and refuse a --stage that contradicts it' -r -f -a "dev\t''
prod\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -s o -l output -d 'Output format: tables for people, JSON Lines for scripts' -r -f -a "table\t''
json\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -l color -d 'When to colour output (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -s h -l help -d 'Print help'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand status" -s V -l version -d 'Print version'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "route" -d 'Predict what the deployed 2.27.0 system does with events (offline)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "pattern" -d 'Test events against EventBridge event patterns (offline)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "rules" -d 'List, show, enable, disable and restore the rules on the bus (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "put-events" -d 'Send events to the bus, each routed locally first (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "invoke" -d 'Invoke the Lambda with an event and compare with the prediction (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "man" -d 'Print a man page (roff): alchemiser(1), or alchemiser-COMMAND(1)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "replay" -d 'Replay archived events to the bus (`--since …`), or list, inspect and cancel replays (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "archives" -d 'List the event archives: state, source bus, event count, size, retention (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "logs" -d 'Read, follow, live-tail or summarise the Lambda\'s logs (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "config" -d 'The settings in force and where each comes from (flag, environment, config file, built in)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "status" -d 'The deployment at a glance: rules, archive, Lambda, recent activity, drift from 2.27.0 (AWS)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and not __fish_seen_subcommand_from route pattern rules put-events invoke completions man replay archives logs config status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from pattern" -f -a "test" -d 'Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "list" -d 'Every rule on the bus: state, pattern or schedule, targets'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "show" -d 'One rule in detail: pattern, targets with retry policy and dead-letter queue'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "enable" -d 'Enable rules (snapshotting every rule\'s state first)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "disable" -d 'Disable rules (snapshotting every rule\'s state first)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "restore" -d 'Put every rule of a snapshot back to its recorded state'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "snapshots" -d 'The snapshots in the snapshot folder, newest first: bus, region, when, rules'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "lint" -d 'Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from replay" -f -a "list" -d 'Replays in this account and region (they are not per bus)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from replay" -f -a "status" -d 'One replay: state, window, progress, archive, destination and rule filter'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from replay" -f -a "cancel" -d 'Cancel a replay (events already replayed stay delivered)'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from archives" -f -a "list" -d 'Every archive in this account and region'
complete -c alchemiser -n "__fish_alchemiser_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml'
