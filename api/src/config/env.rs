//! Environment variables as a `figment` provider. Unlike figment's own `Env`
//! it skips empty values (an empty variable means "not set", as in shells
//! that cannot unset), and it reads from any list of pairs, so tests pass
//! their own instead of changing the process environment.

use figment::value::{Dict, Map, Value};
use figment::{Error, Metadata, Profile, Provider};

#[derive(Debug, Clone, Default)]
pub struct EnvVars(Vec<(String, String)>);

impl EnvVars {
    /// The process environment.
    pub fn from_process() -> Self {
        Self(std::env::vars_os().filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))).collect())
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.as_str())
    }

    /// `PREFIX_NAME=value` as the key `name`, for the given keys only.
    pub fn prefixed(&self, prefix: &'static str, keys: &[&str]) -> Layer {
        let pairs = self
            .0
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?.to_ascii_lowercase(), v)))
            .filter(|(key, _)| keys.contains(&key.as_str()))
            .map(|(key, v)| (key, v.clone()));
        Layer::new(prefix, pairs)
    }

    /// The named variables as they are (lower-cased keys).
    pub fn bare(&self, names: &[&str]) -> Layer {
        let pairs = self
            .0
            .iter()
            .filter(|(k, _)| names.contains(&k.as_str()))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()));
        Layer::new("", pairs)
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for EnvVars {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        Self(pairs.into_iter().map(|(k, v)| (k.into(), v.into())).collect())
    }
}

/// Some variables, ready to merge. Values stay strings; `extract_lossy`
/// reads numbers and booleans from them where a field wants one.
#[derive(Debug)]
pub struct Layer {
    prefix: &'static str,
    values: Dict,
}

impl Layer {
    fn new(prefix: &'static str, pairs: impl Iterator<Item = (String, String)>) -> Self {
        let values = pairs.filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| (k, Value::from(v))).collect();
        Self { prefix, values }
    }
}

impl Provider for Layer {
    fn metadata(&self) -> Metadata {
        let prefix = self.prefix;
        // Errors name the variable, not the key: `ROLEDEX_LISTEN`, not `listen`.
        Metadata::named("environment variable")
            .interpolater(move |_, keys| format!("{prefix}{}", keys.join("_").to_ascii_uppercase()))
    }

    fn data(&self) -> Result<Map<Profile, Dict>, Error> {
        Ok(Profile::Default.collect(self.values.clone()))
    }
}
