//! `logs --summary` for long windows: the counting is done where the logs are, by a Logs
//! Insights query ([`crate::logline::INSIGHTS_QUERY`]), and its rows become the same summary.

use std::future::Future;
use std::io::Write;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::options::{LogFormat, LogsOptions};
use super::read::{LogsError, window};
use super::summary::{summary_json, summary_tables};
use crate::aws::LogsClient as Client;
use crate::aws::error::AwsError;
use crate::aws::logs::{query_results, start_query, stop_query};
use crate::exit::Exit;
use crate::logline::{INSIGHTS_QUERY, Summary};

/// Between GetQueryResults calls.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// The query for `opts`: the summary query, narrowed to the lines holding the correlation id
/// (as a whole word) when one is given.
pub fn query(opts: &LogsOptions) -> String {
    match &opts.correlation_id {
        None => INSIGHTS_QUERY.to_string(),
        Some(id) => {
            let escaped: String = id
                .chars()
                .flat_map(|c| {
                    let special = "\\/^$.|?*+()[]{}".contains(c);
                    special.then_some('\\').into_iter().chain([c])
                })
                .collect();
            let filter = format!("| filter @message like /(^|[^A-Za-z0-9_-]){escaped}([^A-Za-z0-9_-]|$)/");
            INSIGHTS_QUERY.replacen('\n', &format!("\n{filter}\n"), 1)
        }
    }
}

/// Runs the query over `[opts.start_ms, end_ms]`, showing the records scanned on `progress`,
/// and prints the summary; `stop` (Ctrl-C) stops the query (exit 130).
pub async fn summarise<S: Future<Output = ()>>(
    client: &Client,
    opts: &LogsOptions,
    end_ms: i64,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: bool,
    stop: S,
) -> Result<Exit, LogsError> {
    // Insights takes whole seconds; the window's last second is included.
    let (start_s, end_s) = (opts.start_ms.div_euclid(1000), end_ms.div_euclid(1000));
    let id = start_query(client, &opts.log_group, start_s, end_s, &query(opts)).await?;
    let bar = progress.then(|| {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} Logs Insights: {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let mut stop = std::pin::pin!(stop);
    let page = loop {
        let page = tokio::select! {
            biased;
            () = &mut stop => {
                if let Some(bar) = &bar {
                    bar.finish_and_clear();
                }
                let stopped = stop_query(client, &id).await;
                writeln!(err, "interrupted: Logs Insights query {id} {}", if stopped.is_ok() { "stopped" } else { "may still run" })?;
                return Ok(Exit::Interrupted);
            }
            page = query_results(client, &id) => page?,
        };
        if let Some(bar) = &bar {
            bar.set_message(format!("{:.0} records scanned, {}", page.records_scanned, page.status.to_lowercase()));
        }
        if page.is_done() {
            break page;
        }
        tokio::time::sleep(POLL_EVERY).await;
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if page.status != "Complete" {
        return Err(AwsError::new(Exit::AwsService, format!("Logs Insights query {id} ended {}", page.status)).into());
    }
    let mut summary = Summary::default();
    for row in &page.rows {
        summary.add_insights_row(row);
    }
    if summary.events == 0 {
        writeln!(err, "no log events in {}", window(opts))?;
        return Ok(Exit::Success);
    }
    let text = match opts.format {
        LogFormat::Json => summary_json(&summary, opts),
        LogFormat::Short | LogFormat::Detailed => summary_tables(&summary, opts.style),
    };
    out.write_all(text.as_bytes())?;
    out.flush()?;
    writeln!(
        err,
        "{} (counted by CloudWatch Logs Insights, {:.0} records scanned)",
        window(opts),
        page.records_scanned
    )?;
    Ok(Exit::Success)
}
