//! Work a running server does on its own, on a period: the content-version
//! poll, the external JWKS refresh and the sweeps of expired learner data.
//! Tasks start after the listener is bound, stop when the server stops, and
//! are joined before `run_until_stopped` returns, so none outlives it.

use std::future::Future;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

#[derive(Debug)]
pub struct BackgroundTasks {
    stop: watch::Sender<bool>,
    running: Vec<(&'static str, JoinHandle<()>)>,
}

impl Default for BackgroundTasks {
    fn default() -> Self {
        Self { stop: watch::channel(false).0, running: Vec::new() }
    }
}

impl BackgroundTasks {
    /// Runs `work` every `period` (the first run one period from now) until stopped.
    /// A run that overruns its period delays the next one instead of piling up.
    pub fn every<F, Fut>(&mut self, name: &'static str, period: Duration, mut work: F)
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let mut stop = self.stop.subscribe();
        let handle = tokio::spawn(async move {
            let mut interval = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = interval.tick() => work().await,
                    _ = stop.changed() => break,
                }
            }
            tracing::debug!(task = name, "background task stopped");
        });
        self.running.push((name, handle));
    }

    pub fn len(&self) -> usize {
        self.running.len()
    }

    pub fn is_empty(&self) -> bool {
        self.running.is_empty()
    }

    /// Stops every task (a run in progress finishes first) and waits for each.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for (name, handle) in self.running {
            if let Err(e) = handle.await {
                tracing::error!(task = name, error = %e, "background task failed");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn tasks_run_on_their_period_and_stop_when_asked() {
        let runs = Arc::new(AtomicU32::new(0));
        let mut tasks = BackgroundTasks::default();
        let counter = runs.clone();
        tasks.every("count", Duration::from_secs(10), move || {
            let counter = counter.clone();
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
        assert_eq!(tasks.len(), 1);
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert_eq!(runs.load(Ordering::SeqCst), 0, "the first run is one period away");
        tokio::time::sleep(Duration::from_secs(31)).await;
        assert_eq!(runs.load(Ordering::SeqCst), 3);
        tasks.shutdown().await;
        tokio::time::sleep(Duration::from_secs(60)).await;
        assert_eq!(runs.load(Ordering::SeqCst), 3, "no run after shutdown");
    }
}
