//! Offline sync rules (the WatermelonDB protocol): which tables a device
//! keeps, what a record id may be, which pull a device gets, when a pushed
//! change conflicts with the server, and what a learner may save.
//!
//! Sequence values are the learner's change sequence: milliseconds since the
//! Unix epoch, advanced by at least one on every write, so they order the
//! learner's writes and read as times.

mod saved;
mod tables;

pub use saved::{MAX_NOTE_CHARS, SavedKind, SavedTarget, note};
pub use tables::{RecordId, SyncTable, task_record_id};

/// The next value of a learner's change sequence: the current time, or one
/// past the previous value when the clock has not moved past it (several
/// writes in a millisecond, or a clock set back), so it never repeats.
pub fn next_sequence(previous: i64, now_millis: i64) -> i64 {
    if now_millis > previous { now_millis } else { previous.saturating_add(1) }
}

/// What a pull sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullMode {
    /// Everything the learner has: a first sync (`last_pulled_at` null or 0).
    Everything,
    /// Everything, to replace the device's copy: its last pull is older than
    /// the tombstones are kept, so deletions since then may be forgotten.
    Replacement,
    /// What changed after this sequence value.
    Since(i64),
}

/// Which pull a device gets for its `last_pulled_at`, given the learner's
/// current change sequence, the time now and how long tombstones are kept.
/// Tombstones older than `now - horizon` may have been swept, so a device
/// that last pulled before then, and has missed writes since, cannot be told
/// every deletion: it gets the whole data set instead. With no write since
/// its last pull there is nothing it can have missed.
pub fn pull_mode(last_pulled_at: Option<i64>, learner_seq: i64, now_millis: i64, horizon_millis: i64) -> PullMode {
    match last_pulled_at {
        None | Some(0) => PullMode::Everything,
        Some(at) if learner_seq > at && at < tombstone_cutoff(now_millis, horizon_millis) => PullMode::Replacement,
        Some(at) => PullMode::Since(at),
    }
}

/// Whether a pull sends a record that last changed at `change_seq`: every
/// record when the pull is whole, those changed after the last pull
/// otherwise. Pulls send them all as `updated` (WatermelonDB creates an
/// updated record it lacks): a device's own record, pushed and then deleted
/// on it before its next pull, would come back as `created` and be created
/// again, but as `updated` its local deletion stands.
pub fn sent(mode: PullMode, change_seq: i64) -> bool {
    match mode {
        PullMode::Everything | PullMode::Replacement => true,
        PullMode::Since(at) => change_seq > at,
    }
}

/// A pushed change conflicts when the record changed on the server after the
/// device's last pull: the device has not seen that change, so applying its
/// own would silently overwrite it. It must pull (and resolve) first.
pub fn conflicts(server_change_seq: i64, last_pulled_at: i64) -> bool {
    server_change_seq > last_pulled_at
}

/// Tombstones older than this may be swept (`now - horizon`).
pub fn tombstone_cutoff(now_millis: i64, horizon_millis: i64) -> i64 {
    now_millis.saturating_sub(horizon_millis)
}

#[cfg(test)]
mod tests;
