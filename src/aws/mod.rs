//! The only place that talks to the AWS SDK: configuration ([`config`]), error classification
//! ([`error`]) and thin calls ([`events`]). Commands get plain data back, or an [`AwsError`]
//! that carries its exit code and a one-line message.

pub mod config;
pub mod error;
pub mod events;
pub mod lambda;
pub mod live_bus;
pub mod logs;
pub mod put_events;
pub mod replay;

pub use config::{AwsArgs, AwsContext, load};
pub use error::AwsError;
