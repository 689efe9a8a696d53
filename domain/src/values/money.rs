use serde::{Deserialize, Serialize};

use super::{Currency, ValueError};

/// A non-negative amount in whole units of a currency. Amounts in the
/// sources are whole dollars; an unsigned amount makes a negative cost or
/// salary unrepresentable. Amounts stop at [`MAX_AMOUNT`], so every client
/// can hold one (and anything summed from a budget) in a 32-bit integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawMoney")]
pub struct Money {
    pub amount: u64,
    pub currency: Currency,
}

/// The largest amount: 2,147,483,647 (a 32-bit signed integer, GraphQL's `Int`).
pub const MAX_AMOUNT: u64 = 2_147_483_647;

#[derive(Deserialize)]
struct RawMoney {
    amount: i64,
    currency: Currency,
}

impl TryFrom<RawMoney> for Money {
    type Error = ValueError;

    fn try_from(raw: RawMoney) -> Result<Self, ValueError> {
        Money::new(raw.amount, raw.currency)
    }
}

impl Money {
    pub fn new(amount: i64, currency: Currency) -> Result<Self, ValueError> {
        let amount = u64::try_from(amount)
            .map_err(|_| ValueError(format!("amount {amount} is negative: money amounts are zero or more")))?;
        if amount > MAX_AMOUNT {
            return Err(ValueError(format!("amount {amount} is larger than {MAX_AMOUNT}, the largest amount")));
        }
        Ok(Self { amount, currency })
    }

    /// US dollars; an amount above [`MAX_AMOUNT`] is taken as the maximum.
    pub fn usd(amount: u64) -> Self {
        Self { amount: amount.min(MAX_AMOUNT), currency: Currency::USD }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_amounts_are_refused() {
        assert!(Money::new(-1, Currency::USD).is_err());
        assert_eq!(Money::new(0, Currency::USD), Ok(Money::usd(0)));
    }

    #[test]
    fn amounts_fit_a_32_bit_integer() {
        assert!(Money::new(2_147_483_647, Currency::USD).is_ok());
        assert!(Money::new(2_147_483_648, Currency::USD).is_err());
        let parsed: Result<Money, _> = serde_json::from_str(r#"{"amount": 3000000000, "currency": "USD"}"#);
        assert!(parsed.is_err());
        let parsed: Result<Money, _> = serde_json::from_str(r#"{"amount": 555000, "currency": "USD"}"#);
        assert_eq!(parsed.ok(), Some(Money::usd(555_000)));
    }

    #[test]
    fn deserializing_a_negative_amount_fails() {
        let parsed: Result<Money, _> = serde_json::from_str(r#"{"amount": -5, "currency": "USD"}"#);
        assert!(parsed.is_err());
    }
}
