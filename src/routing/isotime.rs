//! Placeholder until the fromisoformat port lands.
pub struct IsoDateTime;
pub struct IsoError;
pub fn fromisoformat(s: &str) -> Result<IsoDateTime, IsoError> {
    let _ = s;
    Err(IsoError)
}
