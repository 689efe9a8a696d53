//! JSON has one number type: `3` and `3.0` are the same integer to JSON
//! Schema (and to JavaScript clients, which may send either). Integer fields
//! of request bodies accept both; a fraction or a value beyond 64 bits is
//! still refused.

use serde::{Deserialize, Deserializer, de::Error};

const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

pub fn integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Number {
        Integer(i64),
        Float(f64),
    }
    match Number::deserialize(deserializer)? {
        Number::Integer(n) => Ok(n),
        // ±2^63 are exact as floats; i64 holds [-2^63, 2^63).
        Number::Float(f) if f.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&f) => Ok(f as i64),
        Number::Float(f) => Err(D::Error::custom(format!("{f} is not a whole number"))),
    }
}

/// [`integer`] for an optional field (`null` or absent is `None`).
pub fn optional_integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct Wrapped(#[serde(deserialize_with = "integer")] i64);
    Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(n)| n))
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug)]
    struct Body {
        #[serde(deserialize_with = "super::integer")]
        n: i64,
    }

    fn read(json: &str) -> Result<i64, String> {
        serde_json::from_str::<Body>(json).map(|b| b.n).map_err(|e| e.to_string())
    }

    #[test]
    fn whole_numbers_in_either_form_and_nothing_else() {
        assert_eq!(read(r#"{"n": 3}"#), Ok(3));
        assert_eq!(read(r#"{"n": 3.0}"#), Ok(3));
        assert_eq!(read(r#"{"n": -80.0}"#), Ok(-80));
        assert!(read(r#"{"n": 3.5}"#).is_err());
        assert!(read(r#"{"n": 1e30}"#).is_err());
        assert!(read(r#"{"n": "3"}"#).is_err());
    }
}
