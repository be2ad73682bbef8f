
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'alchemiser' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'alchemiser'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'alchemiser' {
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('route', 'route', [CompletionResultType]::ParameterValue, 'Predict what the deployed 2.27.0 system does with events (offline)')
            [CompletionResult]::new('pattern', 'pattern', [CompletionResultType]::ParameterValue, 'Test events against EventBridge event patterns (offline)')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List, show, enable, disable and restore the rules on the bus (AWS)')
            [CompletionResult]::new('put-events', 'put-events', [CompletionResultType]::ParameterValue, 'Send events to the bus, each routed locally first (AWS)')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke the Lambda with an event and compare with the prediction (AWS)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff): alchemiser(1), or alchemiser-COMMAND(1)')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Replay archived events to the bus (`--since …`), or list, inspect and cancel replays (AWS)')
            [CompletionResult]::new('archives', 'archives', [CompletionResultType]::ParameterValue, 'List the event archives: state, source bus, event count, size, retention (AWS)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Read, follow, live-tail or summarise the Lambda''s logs (AWS)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The settings in force and where each comes from (flag, environment, config file, built in)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The deployment at a glance: rules, archive, Lambda, recent activity, drift from 2.27.0 (AWS)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;route' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'An event file (repeatable; same as a positional PATH)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'An event file (repeatable; same as a positional PATH)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Read the rules, targets and archive from a SAM/CloudFormation template')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--jsonl', '--jsonl', [CompletionResultType]::ParameterName, 'Read every input as JSON Lines, whatever its extension')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow symbolic links inside folders (each file is read once; loops are reported)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links inside folders (each file is read once; loops are reported)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Read the rules, targets and archive from the deployed bus (AWS)')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Compare each prediction with the expectation recorded beside its file (x.json → x.expected.json, x.jsonl → x.expected.jsonl); exit 1 on any difference')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'With --check: write the expectation files that are missing or differ, from the predictions, after showing each difference (to seed a folder of your own events)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;pattern' {
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;pattern;test' {
            [CompletionResult]::new('--pattern', '--pattern', [CompletionResultType]::ParameterName, 'The pattern: inline JSON, a file, or `-` for stdin')
            [CompletionResult]::new('--rule', '--rule', [CompletionResultType]::ParameterName, 'Test against this bus rule''s pattern (repeatable)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'The event: inline JSON, a file, or `-` for stdin')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Test many events, read as `route` reads them (files, folders, JSON Lines, `-` for stdin): print each matching event as a JSON line, as grep prints lines')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Read the rules, targets and archive from a SAM/CloudFormation template')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--all-rules', '--all-rules', [CompletionResultType]::ParameterName, 'Test against every rule of the bus')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'With --events: print only how many events are selected')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'With --events: select the events that match no pattern')
            [CompletionResult]::new('--invert', '--invert', [CompletionResultType]::ParameterName, 'With --events: select the events that match no pattern')
            [CompletionResult]::new('--jsonl', '--jsonl', [CompletionResultType]::ParameterName, 'With --events: read every input as JSON Lines, whatever its extension')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'With --events: follow symbolic links inside folders')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'With --events: follow symbolic links inside folders')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Ask AWS''s TestEventPattern too, and say where it disagrees with the local engine')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Read the rules, targets and archive from the deployed bus (AWS)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;pattern;help' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;pattern;help;test' {
            break
        }
        'alchemiser;pattern;help;help' {
            break
        }
        'alchemiser;rules' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every rule on the bus: state, pattern or schedule, targets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One rule in detail: pattern, targets with retry policy and dead-letter queue')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable rules (snapshotting every rule''s state first)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable rules (snapshotting every rule''s state first)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put every rule of a snapshot back to its recorded state')
            [CompletionResult]::new('snapshots', 'snapshots', [CompletionResultType]::ParameterValue, 'The snapshots in the snapshot folder, newest first: bus, region, when, rules')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;rules;list' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only rules whose name starts with this')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;rules;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;rules;enable' {
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Where to save every rule''s state before changing anything (default: the snapshot folder, as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten)')
            [CompletionResult]::new('--snapshot-dir', '--snapshot-dir', [CompletionResultType]::ParameterName, 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every rule on the bus except those AWS manages (ManagedBy set, e.g. an archive''s Events-Archive-*)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Change without asking (required when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Change without asking (required when there is no terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change; change nothing and write no snapshot')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;rules;disable' {
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Where to save every rule''s state before changing anything (default: the snapshot folder, as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten)')
            [CompletionResult]::new('--snapshot-dir', '--snapshot-dir', [CompletionResultType]::ParameterName, 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every rule on the bus except those AWS manages (ManagedBy set, e.g. an archive''s Events-Archive-*)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Change without asking (required when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Change without asking (required when there is no terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change; change nothing and write no snapshot')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;rules;restore' {
            [CompletionResult]::new('--snapshot', '--snapshot', [CompletionResultType]::ParameterName, 'Where to save every rule''s state before changing anything (default: the snapshot folder, as alchemiser-rules-<bus>-<UTC yyyymmddThhmmssZ>.json; never overwritten)')
            [CompletionResult]::new('--snapshot-dir', '--snapshot-dir', [CompletionResultType]::ParameterName, 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--latest', '--latest', [CompletionResultType]::ParameterName, 'The newest snapshot of this bus in the snapshot folder')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Change without asking (required when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Change without asking (required when there is no terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change; change nothing and write no snapshot')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;rules;snapshots' {
            [CompletionResult]::new('--snapshot-dir', '--snapshot-dir', [CompletionResultType]::ParameterName, 'The snapshot folder (default: $XDG_STATE_HOME/alchemiser/snapshots, else ~/.local/state/alchemiser/snapshots)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;rules;lint' {
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Read the rules, targets and archive from a SAM/CloudFormation template')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Read the rules, targets and archive from the deployed bus (AWS)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;rules;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every rule on the bus: state, pattern or schedule, targets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One rule in detail: pattern, targets with retry policy and dead-letter queue')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable rules (snapshotting every rule''s state first)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable rules (snapshotting every rule''s state first)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put every rule of a snapshot back to its recorded state')
            [CompletionResult]::new('snapshots', 'snapshots', [CompletionResultType]::ParameterValue, 'The snapshots in the snapshot folder, newest first: bus, region, when, rules')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;rules;help;list' {
            break
        }
        'alchemiser;rules;help;show' {
            break
        }
        'alchemiser;rules;help;enable' {
            break
        }
        'alchemiser;rules;help;disable' {
            break
        }
        'alchemiser;rules;help;restore' {
            break
        }
        'alchemiser;rules;help;snapshots' {
            break
        }
        'alchemiser;rules;help;lint' {
            break
        }
        'alchemiser;rules;help;help' {
            break
        }
        'alchemiser;put-events' {
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'The rules the guard routes events through: the bus''s deployed rules and targets, or the embedded 2.27.0 ones')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Route through the rules of a SAM/CloudFormation template instead')
            [CompletionResult]::new('--failed-out', '--failed-out', [CompletionResultType]::ParameterName, 'Write the `failed` entries here (JSON Lines envelopes; safe to send again). Always written, empty when nothing failed')
            [CompletionResult]::new('--unknown-out', '--unknown-out', [CompletionResultType]::ParameterName, 'Write the `unknown` entries here (JSON Lines envelopes; they may have been delivered: check before sending again). Always written, empty when none')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write every input''s outcome here as JSON Lines (what `-o json` prints), whatever `-o` is; the table lists only the events that were not sent')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'PutEvents calls in flight at once')
            [CompletionResult]::new('--attempts', '--attempts', [CompletionResultType]::ParameterName, 'Attempts per entry when AWS answers ThrottlingException or InternalFailure')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--jsonl', '--jsonl', [CompletionResultType]::ParameterName, 'Read every input as JSON Lines, whatever its extension')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Follow symbolic links inside folders (each file is read once; loops are reported)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Follow symbolic links inside folders (each file is read once; loops are reported)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Send events the prediction flags (trades, crashes, validation failures)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm without asking; needed (with --force) for live trades in prod off a terminal')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm without asking; needed (with --force) for live trades in prod off a terminal')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the entries and the guard''s verdicts; send nothing (the deployed rules are still read when AWS can be reached, else the embedded 2.27.0 rules decide)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;invoke' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--async', '--async', [CompletionResultType]::ParameterName, 'Invoke asynchronously (InvocationType Event), as EventBridge does: no result')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Send events the prediction flags (trades, crashes, validation failures)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Confirm without asking; needed (with --force) for live trades in prod off a terminal')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm without asking; needed (with --force) for live trades in prod off a terminal')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the prediction and the guard''s verdict; invoke nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;completions' {
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;man' {
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;replay' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Replay events from this time: 30s, 5m, 2h, 1d, 1w (ago), now, epoch seconds, or ISO 8601 (without a zone: local time)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Replay events up to this time (same forms; default: now)')
            [CompletionResult]::new('--rule', '--rule', [CompletionResultType]::ParameterName, 'Deliver only to this rule of the bus (repeatable; default: every rule)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The replay''s name (default: replay-YYYYMMDD-HHMMSS, now in UTC)')
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'The archive to replay (default: alchemiser-event-archive-<stage>)')
            [CompletionResult]::new('--poll-interval', '--poll-interval', [CompletionResultType]::ParameterName, 'Seconds between DescribeReplay calls with --wait [default: 5]')
            [CompletionResult]::new('--events-out', '--events-out', [CompletionResultType]::ParameterName, 'With --preview: write the captured events to FILE, one JSON line each')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Start without asking (required when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Start without asking (required when there is no terminal)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be started; start nothing')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the replay to end: exit 0 when COMPLETED, 1 when FAILED or CANCELLED')
            [CompletionResult]::new('--preview', '--preview', [CompletionResultType]::ParameterName, 'Show what the replay would do, without doing it: replay the window into a temporary capture rule and queue only, then route what arrives offline (the window is read twice: now, and again by the real replay)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'With --preview: leave the capture rule and queue in place, and print their names')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Replays in this account and region (they are not per bus)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'One replay: state, window, progress, archive, destination and rule filter')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a replay (events already replayed stay delivered)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;replay;list' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only replays whose name starts with this')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only replays in this state')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;replay;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;replay;cancel' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Cancel without asking (required when there is no terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Cancel without asking (required when there is no terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;replay;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Replays in this account and region (they are not per bus)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'One replay: state, window, progress, archive, destination and rule filter')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a replay (events already replayed stay delivered)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;replay;help;list' {
            break
        }
        'alchemiser;replay;help;status' {
            break
        }
        'alchemiser;replay;help;cancel' {
            break
        }
        'alchemiser;replay;help;help' {
            break
        }
        'alchemiser;archives' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every archive in this account and region')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;archives;list' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only archives whose name starts with this')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;archives;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every archive in this account and region')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;archives;help;list' {
            break
        }
        'alchemiser;archives;help;help' {
            break
        }
        'alchemiser;logs' {
            [CompletionResult]::new('--log-group', '--log-group', [CompletionResultType]::ParameterName, 'Log group (default: /aws/lambda/the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start: 30s, 5m, 2h, 1d, 1w (ago), now, epoch seconds, or ISO 8601 (without a zone: local time)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End (same forms; default: now)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'CloudWatch Logs filter pattern, passed through (default: "Routing to eventbridge_handler")')
            [CompletionResult]::new('--correlation-id', '--correlation-id', [CompletionResultType]::ParameterName, 'Follow one workflow: lines holding this id (filtered as a quoted term unless --filter or --all is given), or carrying it in a parsed field')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after N events')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Events per FilterLogEvents call (default: AWS''s maximum, 10000)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Seconds between polls with --follow')
            [CompletionResult]::new('--idle-notice', '--idle-notice', [CompletionResultType]::ParameterName, 'With --follow, say on stderr after this many seconds without a new event (0: never)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print each event (`-o json` means json)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every event: no filter pattern')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep polling for new events until Ctrl-C (nothing missed or printed twice)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep polling for new events until Ctrl-C (nothing missed or printed twice)')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Stream events as they arrive with CloudWatch Live Tail, until Ctrl-C')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Print counts (paths, outcomes, detail-types, errors, durations) instead of the lines')
            [CompletionResult]::new('--insights', '--insights', [CompletionResultType]::ParameterName, 'With --summary: have CloudWatch Logs Insights count the lines (the default for windows over 24 hours), instead of reading every line here')
            [CompletionResult]::new('--no-insights', '--no-insights', [CompletionResultType]::ParameterName, 'With --summary: read every line here, whatever the window')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;config' {
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;config;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;config;help;show' {
            break
        }
        'alchemiser;config;help;help' {
            break
        }
        'alchemiser;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile (default: AWS_PROFILE, else `default`)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile''s region)')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'Send every AWS call here, e.g. an emulator (default: AWS_ENDPOINT_URL[_<SERVICE>], the profile, else AWS)')
            [CompletionResult]::new('--max-attempts', '--max-attempts', [CompletionResultType]::ParameterName, 'Attempts per AWS call, standard retry mode (default: AWS_MAX_ATTEMPTS, the profile, else 3)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one AWS call may take, retries included; each attempt gets an equal share (at least 1 s). Calls that are never retried (PutEvents, StartReplay, Invoke) get all of it')
            [CompletionResult]::new('--bus', '--bus', [CompletionResultType]::ParameterName, 'Event bus name (default: alchemiser-trading-events-<stage>)')
            [CompletionResult]::new('--function', '--function', [CompletionResultType]::ParameterName, 'Lambda function name (default: the-alchemiser-v2-lambda-<stage>)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The window of recent activity read from the logs: `1h`, `30m`, `2d`, or a time')
            [CompletionResult]::new('--archive', '--archive', [CompletionResultType]::ParameterName, 'The archive (default: alchemiser-event-archive-<stage>)')
            [CompletionResult]::new('--log-group', '--log-group', [CompletionResultType]::ParameterName, 'The Lambda''s log group (default: /aws/lambda/<function>)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Deployment stage: derives every resource name; dev trades paper, prod trades live [default: dev]. Commands that act apply the stricter of this and the stage their target''s name says, and refuse a --stage that contradicts it')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables for people, JSON Lines for scripts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour output (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'alchemiser;help' {
            [CompletionResult]::new('route', 'route', [CompletionResultType]::ParameterValue, 'Predict what the deployed 2.27.0 system does with events (offline)')
            [CompletionResult]::new('pattern', 'pattern', [CompletionResultType]::ParameterValue, 'Test events against EventBridge event patterns (offline)')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List, show, enable, disable and restore the rules on the bus (AWS)')
            [CompletionResult]::new('put-events', 'put-events', [CompletionResultType]::ParameterValue, 'Send events to the bus, each routed locally first (AWS)')
            [CompletionResult]::new('invoke', 'invoke', [CompletionResultType]::ParameterValue, 'Invoke the Lambda with an event and compare with the prediction (AWS)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff): alchemiser(1), or alchemiser-COMMAND(1)')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Replay archived events to the bus (`--since …`), or list, inspect and cancel replays (AWS)')
            [CompletionResult]::new('archives', 'archives', [CompletionResultType]::ParameterValue, 'List the event archives: state, source bus, event count, size, retention (AWS)')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Read, follow, live-tail or summarise the Lambda''s logs (AWS)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The settings in force and where each comes from (flag, environment, config file, built in)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The deployment at a glance: rules, archive, Lambda, recent activity, drift from 2.27.0 (AWS)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alchemiser;help;route' {
            break
        }
        'alchemiser;help;pattern' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Does an event match? Exit 0 when it matches (any rule), 1 when not, 2 when invalid')
            break
        }
        'alchemiser;help;pattern;test' {
            break
        }
        'alchemiser;help;rules' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every rule on the bus: state, pattern or schedule, targets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One rule in detail: pattern, targets with retry policy and dead-letter queue')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable rules (snapshotting every rule''s state first)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable rules (snapshotting every rule''s state first)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put every rule of a snapshot back to its recorded state')
            [CompletionResult]::new('snapshots', 'snapshots', [CompletionResultType]::ParameterValue, 'The snapshots in the snapshot folder, newest first: bus, region, when, rules')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check a rule set against what 2.27.0 publishes (offline); exit 1 on findings')
            break
        }
        'alchemiser;help;rules;list' {
            break
        }
        'alchemiser;help;rules;show' {
            break
        }
        'alchemiser;help;rules;enable' {
            break
        }
        'alchemiser;help;rules;disable' {
            break
        }
        'alchemiser;help;rules;restore' {
            break
        }
        'alchemiser;help;rules;snapshots' {
            break
        }
        'alchemiser;help;rules;lint' {
            break
        }
        'alchemiser;help;put-events' {
            break
        }
        'alchemiser;help;invoke' {
            break
        }
        'alchemiser;help;completions' {
            break
        }
        'alchemiser;help;man' {
            break
        }
        'alchemiser;help;replay' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Replays in this account and region (they are not per bus)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'One replay: state, window, progress, archive, destination and rule filter')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a replay (events already replayed stay delivered)')
            break
        }
        'alchemiser;help;replay;list' {
            break
        }
        'alchemiser;help;replay;status' {
            break
        }
        'alchemiser;help;replay;cancel' {
            break
        }
        'alchemiser;help;archives' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every archive in this account and region')
            break
        }
        'alchemiser;help;archives;list' {
            break
        }
        'alchemiser;help;logs' {
            break
        }
        'alchemiser;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Every setting with its value and its source; the file is $XDG_CONFIG_HOME/alchemiser/config.toml')
            break
        }
        'alchemiser;help;config;show' {
            break
        }
        'alchemiser;help;status' {
            break
        }
        'alchemiser;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
