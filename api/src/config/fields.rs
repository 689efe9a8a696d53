//! How some settings are written: seconds as whole numbers, lists as TOML
//! arrays or comma-separated strings, secrets as strings kept secret.

use std::time::Duration;

use secrecy::SecretString;
use serde::{Deserialize, Deserializer};

pub mod secs {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_secs)
    }
}

pub fn secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SecretString>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.is_empty()).map(SecretString::from))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ListOrString {
    List(Vec<String>),
    String(String),
}

pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match ListOrString::deserialize(d)? {
        ListOrString::List(items) => items,
        ListOrString::String(joined) => {
            joined.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
        }
    })
}

/// The keys a struct reads, as serde knows them (renames applied): the
/// derived `Deserialize` names them when it asks for a struct, and this
/// deserializer records them and stops there.
pub fn keys_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    struct Keys(Option<&'static [&'static str]>);

    #[derive(Debug)]
    struct Stop;

    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }

    impl std::error::Error for Stop {}

    impl serde::de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }

    impl<'de> Deserializer<'de> for &mut Keys {
        type Error = Stop;

        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }

        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = Some(fields);
            Err(Stop)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }

    let mut keys = Keys(None);
    let _ = T::deserialize(&mut keys);
    keys.0.unwrap_or(&[])
}
