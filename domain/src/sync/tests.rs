use super::*;

const DAY: i64 = 86_400_000;

#[test]
fn the_sequence_follows_the_clock_and_never_repeats() {
    assert_eq!(next_sequence(0, 1_000), 1_000);
    assert_eq!(next_sequence(1_000, 1_000), 1_001, "a second write in the same millisecond");
    assert_eq!(next_sequence(1_500, 1_000), 1_501, "a clock set back does not take the sequence back");
    assert_eq!(next_sequence(i64::MAX, 1), i64::MAX, "saturates instead of wrapping");
}

#[test]
fn a_device_gets_everything_first_then_changes_and_a_replacement_past_the_horizon() {
    let now = 100 * DAY;
    let horizon = 90 * DAY;
    let seq = now - 1;
    assert_eq!(pull_mode(None, seq, now, horizon), PullMode::Everything);
    assert_eq!(pull_mode(Some(0), seq, now, horizon), PullMode::Everything);
    assert_eq!(pull_mode(Some(now - DAY), seq, now, horizon), PullMode::Since(now - DAY));
    assert_eq!(pull_mode(Some(10 * DAY), seq, now, horizon), PullMode::Since(10 * DAY), "exactly at the horizon");
    assert_eq!(pull_mode(Some(10 * DAY - 1), seq, now, horizon), PullMode::Replacement);
    assert_eq!(tombstone_cutoff(now, horizon), 10 * DAY, "what the sweep keeps is what the pull relies on");
}

#[test]
fn a_device_that_missed_no_write_is_not_sent_everything_again() {
    let (now, horizon) = (100 * DAY, 90 * DAY);
    assert_eq!(pull_mode(Some(1), 0, now, horizon), PullMode::Since(1), "a learner who never wrote");
    assert_eq!(pull_mode(Some(DAY), DAY, now, horizon), PullMode::Since(DAY), "no write since the last pull");
    assert_eq!(pull_mode(Some(DAY), DAY + 1, now, horizon), PullMode::Replacement);
}

#[test]
fn a_pull_sends_what_changed_since_the_last_one_or_everything() {
    let since = PullMode::Since(50);
    assert!(sent(since, 51));
    assert!(!sent(since, 50), "changed exactly at the last pull: the device has it");
    assert!(!sent(since, 0), "a record from before sync existed, already sent whole");
    assert!(sent(PullMode::Everything, 0));
    assert!(sent(PullMode::Replacement, 0));
}

#[test]
fn a_change_made_after_the_last_pull_conflicts() {
    assert!(conflicts(51, 50));
    assert!(!conflicts(50, 50));
    assert!(!conflicts(0, 50));
}

#[test]
fn tables_are_named_as_on_the_wire_and_only_tasks_come_from_the_server() {
    for table in SyncTable::ALL {
        assert_eq!(SyncTable::parse(table.name()), Some(table));
    }
    assert_eq!(SyncTable::parse("users"), None);
    assert_eq!(SyncTable::parse("__proto__"), None);
    assert!(!SyncTable::SprintTasks.device_creates());
    assert!(SyncTable::ALL.iter().filter(|t| !t.device_creates()).eq([&SyncTable::SprintTasks]));
}

#[test]
fn record_ids_use_safe_characters_only() {
    assert!(RecordId::parse("aZ09aZ09aZ09aZ09").is_ok(), "a WatermelonDB id");
    assert!(RecordId::parse("3f2b8c1e-9d4a-4e1b-8f00-0a1b2c3d4e5f").is_ok(), "a UUID");
    for bad in ["", "a/b", "a'b", "a\"b", "a$b", "a b", "é", &"x".repeat(161)] {
        assert!(RecordId::parse(bad).is_err(), "{bad:?}");
    }
    let longest = task_record_id(&"f".repeat(36), &format!("w12-cert-{}", "c".repeat(80)));
    assert!(RecordId::parse(&longest).is_ok(), "the longest task id fits: {}", longest.len());
}

#[test]
fn saved_targets_are_slugs_or_addresses_by_kind() {
    assert!(SavedTarget::parse(SavedKind::Role, "ai-systems-safety-manager").is_ok());
    assert!(SavedTarget::parse(SavedKind::Certification, "Not A Slug").is_err());
    assert!(SavedTarget::parse(SavedKind::Resource, "https://atlas.mitre.org/").is_ok());
    assert!(SavedTarget::parse(SavedKind::Resource, "javascript:alert(1)").is_err());
    assert_eq!(SavedKind::parse("resource"), Some(SavedKind::Resource));
    assert_eq!(SavedKind::parse("skill"), None);
    assert_eq!(note(Some("  ")).unwrap(), None);
    assert_eq!(note(Some(" read first ")).unwrap().as_deref(), Some("read first"));
    assert!(note(Some(&"n".repeat(MAX_NOTE_CHARS + 1))).is_err());
    assert!(note(Some(&"é".repeat(MAX_NOTE_CHARS))).is_ok(), "characters, not bytes");
}
