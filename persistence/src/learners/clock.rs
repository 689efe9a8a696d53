//! The learner's change sequence (`users.change_seq`).

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::PersistenceError;
use crate::entities::users;

/// Advances the learner's change sequence inside the caller's transaction
/// and answers the new value, which every row the transaction writes then
/// carries. One statement: `roledex_domain::sync::next_sequence` in SQL. On
/// PostgreSQL the update holds the learner's row lock until commit, so the
/// learner's writing transactions take values in the order they commit; on
/// SQLite there is one writer at a time anyway.
pub(super) async fn advance<C: ConnectionTrait>(conn: &C, user_id: &str, now: i64) -> Result<i64, PersistenceError> {
    let seq = Expr::col(users::Column::ChangeSeq);
    let update = Query::update()
        .table(users::Entity)
        .value(users::Column::ChangeSeq, Expr::case(Expr::val(now).gt(seq.clone()), now).finally(seq.add(1)))
        .and_where(Expr::col(users::Column::Id).eq(user_id))
        .returning_col(users::Column::ChangeSeq)
        .to_owned();
    let row = conn.query_one(&update).await?.ok_or_else(|| PersistenceError::NoSuchUser(user_id.to_owned()))?;
    Ok(row.try_get("", "change_seq")?)
}

/// The learner's current change sequence, read in the caller's snapshot.
pub(super) async fn current<C: ConnectionTrait>(conn: &C, user_id: &str) -> Result<i64, PersistenceError> {
    let row = users::Entity::find_by_id(user_id.to_owned())
        .one(conn)
        .await?
        .ok_or_else(|| PersistenceError::NoSuchUser(user_id.to_owned()))?;
    Ok(row.change_seq)
}
