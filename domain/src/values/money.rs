use serde::{Deserialize, Serialize};

use super::{Currency, ValueError};

/// A non-negative amount in whole units of a currency. Amounts in the
/// sources are whole dollars; an unsigned amount makes a negative cost or
/// salary unrepresentable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub amount: u64,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount: i64, currency: Currency) -> Result<Self, ValueError> {
        u64::try_from(amount)
            .map(|amount| Self { amount, currency })
            .map_err(|_| ValueError(format!("amount {amount} is negative: money amounts are zero or more")))
    }

    pub fn usd(amount: u64) -> Self {
        Self { amount, currency: Currency::USD }
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
    fn deserializing_a_negative_amount_fails() {
        let parsed: Result<Money, _> = serde_json::from_str(r#"{"amount": -5, "currency": "USD"}"#);
        assert!(parsed.is_err());
    }
}
