//! The only place that talks to the AWS SDK: configuration ([`config`]), error classification
//! ([`error`]) and thin calls ([`events`]). Commands get plain data back, or an [`AwsError`]
//! that carries its exit code and a one-line message.

pub mod config;
pub mod error;
pub mod events;
pub mod lambda;
pub mod live_bus;
pub mod logs;
pub mod preview;
pub mod put_events;
pub mod replay;

pub use config::{AwsContext, AwsSettings, load};

// The clients commands hold, by what they are for (commands never name the SDK crates).
pub use aws_sdk_cloudwatchlogs::Client as LogsClient;
pub use aws_sdk_eventbridge::Client as EventsClient;
pub use aws_sdk_lambda::Client as LambdaClient;
pub use error::AwsError;
