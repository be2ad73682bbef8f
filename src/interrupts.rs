//! Counting Ctrl-C: the command shell presses, commands and the AWS calls they make watch.

/// Counts the Ctrl-C presses of a run. Commands that stop cleanly watch it; the shell starts
/// the counting. A handle whose counter nobody can press never fires.
#[derive(Debug, Clone)]
pub struct Interrupts(tokio::sync::watch::Receiver<u32>);

impl Interrupts {
    /// A counter and the handle to press it with (the shell's signal listener, or a test).
    pub fn channel() -> (tokio::sync::watch::Sender<u32>, Interrupts) {
        let (press, count) = tokio::sync::watch::channel(0);
        (press, Interrupts(count))
    }

    /// One that never fires.
    pub fn none() -> Interrupts {
        Interrupts::channel().1
    }

    /// Presses so far.
    pub fn count(&self) -> u32 {
        *self.0.borrow()
    }

    /// Resolves once `n` presses have been counted; never, when nothing can press any more.
    pub async fn reached(&self, n: u32) {
        let mut count = self.0.clone();
        if count.wait_for(|c| *c >= n).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
