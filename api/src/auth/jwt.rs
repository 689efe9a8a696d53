//! Access tokens. Roledex's own tokens are HS256 JWTs carrying `iss`, `aud`,
//! `sub`, `exp`, `nbf`, `iat` and a `kid` header, all required on decode; the
//! algorithm is pinned per key (the header cannot choose it). External
//! tokens are checked against the configured issuer, audience and JWKS keys.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::error::AuthFailure;

/// Clock skew tolerated on `exp` and `nbf`.
pub const LEEWAY_SECS: u64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub exp: u64,
    pub nbf: u64,
    pub iat: u64,
    pub role: String,
    pub jti: String,
    /// When the user signed in with their password (set on tokens a login
    /// issues, not on those a refresh issues).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_time: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct ExternalClaims {
    sub: String,
    /// OpenID Connect: when the user last authenticated at the provider.
    #[serde(default)]
    auth_time: Option<u64>,
}

/// Who a valid token speaks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSubject {
    Local { user_id: String, role: String, auth_time: Option<u64> },
    External { issuer: String, subject: String, auth_time: Option<u64> },
}

impl TokenSubject {
    /// Names the learner for request quotas without a database look-up.
    pub fn quota_id(&self) -> String {
        match self {
            Self::Local { user_id, .. } => user_id.clone(),
            Self::External { issuer, subject, .. } => format!("{}:{subject}", crate::auth::hash_secret(issuer)),
        }
    }
}

type KeySet = HashMap<String, (DecodingKey, Algorithm)>;

/// Where an external provider's public keys come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwksSource {
    File(std::path::PathBuf),
    Url(String),
}

struct ExternalProvider {
    issuer: String,
    audience: String,
    source: JwksSource,
    /// Replaced whole when the key set is fetched again (key rotation).
    keys: parking_lot::RwLock<KeySet>,
}

pub struct TokenService {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
    audience: String,
    access_ttl_secs: u64,
    external: Option<ExternalProvider>,
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Roledex's own tokens always carry `nbf`; many identity providers omit it,
/// so for theirs it is checked only when present.
fn validation(alg: Algorithm, issuer: &str, audience: &str, require_nbf: bool) -> Validation {
    let mut v = Validation::new(alg);
    v.set_issuer(&[issuer]);
    v.set_audience(&[audience]);
    if require_nbf {
        v.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
    } else {
        v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    }
    v.leeway = LEEWAY_SECS;
    v.validate_nbf = true;
    v
}

impl TokenService {
    /// `secret` is the HS256 key (at least 32 bytes).
    pub fn new(config: &Config, secret: &str) -> Result<Self, String> {
        if secret.len() < 32 {
            return Err("ROLEDEX_JWT_SECRET must be at least 32 bytes".into());
        }
        let encoding = EncodingKey::from_secret(secret.as_bytes()).map_err(|e| e.to_string())?;
        let decoding = DecodingKey::from_secret(secret.as_bytes()).map_err(|e| e.to_string())?;
        // The key id names the secret without revealing it, so rotating the secret rotates the kid.
        let kid = format!("rdx-{}", &hex::encode(Sha256::digest(secret.as_bytes()))[..12]);
        let source = match (&config.external_jwks_file, &config.external_jwks_url) {
            (Some(file), None) => Some(JwksSource::File(file.clone())),
            (None, Some(url)) if is_trusted_transport(url) => Some(JwksSource::Url(url.clone())),
            (None, Some(url)) => {
                return Err(format!("the JWKS URL {url} must use https (plain http only on the loopback interface)"));
            }
            (None, None) => None,
            (Some(_), Some(_)) => {
                return Err("give the external provider's keys as a JWKS file or a URL, not both".into());
            }
        };
        let external = match (&config.external_issuer, &config.external_audience, source) {
            (None, None, None) => None,
            (Some(issuer), Some(audience), Some(source)) => Some(ExternalProvider {
                issuer: issuer.clone(),
                audience: audience.clone(),
                keys: parking_lot::RwLock::new(fetch_jwks(&source)?),
                source,
            }),
            _ => {
                return Err(
                    "an external identity provider needs ROLEDEX_EXTERNAL_ISSUER, ROLEDEX_EXTERNAL_AUDIENCE and \
                            ROLEDEX_EXTERNAL_JWKS_FILE or ROLEDEX_EXTERNAL_JWKS_URL"
                        .into(),
                );
            }
        };
        Ok(Self {
            kid,
            encoding,
            decoding,
            issuer: config.jwt_issuer.clone(),
            audience: config.jwt_audience.clone(),
            access_ttl_secs: config.access_token_ttl.as_secs().max(1),
            external,
        })
    }

    /// The external provider's key source, when one is configured.
    pub fn external_source(&self) -> Option<&JwksSource> {
        self.external.as_ref().map(|p| &p.source)
    }

    /// Fetches the external key set again (blocking IO: call off the async
    /// workers). On failure the keys already held stay in use.
    pub fn reload_external_keys(&self) -> Result<usize, String> {
        let Some(provider) = &self.external else { return Ok(0) };
        let keys = fetch_jwks(&provider.source)?;
        let count = keys.len();
        *provider.keys.write() = keys;
        Ok(count)
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn access_ttl_secs(&self) -> u64 {
        self.access_ttl_secs
    }

    /// A signed access token for the user; `signed_in` when it answers a
    /// password just checked (it then records when).
    pub fn issue(&self, user_id: &str, role: &str, signed_in: bool) -> Result<String, String> {
        let now = now_secs();
        let claims = AccessClaims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: user_id.to_owned(),
            exp: now + self.access_ttl_secs,
            nbf: now,
            iat: now,
            role: role.to_owned(),
            jti: uuid::Uuid::new_v4().to_string(),
            auth_time: signed_in.then_some(now),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        encode(&header, &claims, &self.encoding).map_err(|e| e.to_string())
    }

    pub fn verify(&self, token: &str) -> Result<TokenSubject, AuthFailure> {
        let header =
            decode_header(token).map_err(|_| AuthFailure::InvalidToken("the token is not a well-formed JWT".into()))?;
        let kid = header.kid.ok_or_else(|| AuthFailure::InvalidToken("the token has no `kid` header".into()))?;
        if kid == self.kid {
            let data = decode::<AccessClaims>(
                token,
                &self.decoding,
                &validation(Algorithm::HS256, &self.issuer, &self.audience, true),
            )
            .map_err(failure)?;
            let claims = data.claims;
            return Ok(TokenSubject::Local { user_id: claims.sub, role: claims.role, auth_time: claims.auth_time });
        }
        if let Some(provider) = &self.external {
            let keys = provider.keys.read();
            if let Some((key, alg)) = keys.get(&kid) {
                let data = decode::<ExternalClaims>(
                    token,
                    key,
                    &validation(*alg, &provider.issuer, &provider.audience, false),
                )
                .map_err(failure)?;
                // An empty subject names nobody: it would make every such token one account.
                if data.claims.sub.trim().is_empty() {
                    return Err(AuthFailure::InvalidToken("the token's `sub` is empty".into()));
                }
                let (subject, auth_time) = (data.claims.sub, data.claims.auth_time);
                return Ok(TokenSubject::External { issuer: provider.issuer.clone(), subject, auth_time });
            }
        }
        Err(AuthFailure::InvalidToken("the token's `kid` names no key this service trusts".into()))
    }
}

fn failure(err: jsonwebtoken::errors::Error) -> AuthFailure {
    use jsonwebtoken::errors::ErrorKind;
    match err.kind() {
        ErrorKind::ExpiredSignature => AuthFailure::TokenExpired,
        ErrorKind::ImmatureSignature => AuthFailure::TokenNotYetValid,
        ErrorKind::InvalidAlgorithm => {
            AuthFailure::InvalidToken("the token's algorithm is not the one this key uses".into())
        }
        ErrorKind::InvalidSignature => AuthFailure::InvalidToken("the signature does not verify".into()),
        ErrorKind::InvalidIssuer => AuthFailure::InvalidToken("wrong issuer (`iss`)".into()),
        ErrorKind::InvalidAudience => AuthFailure::InvalidToken("wrong audience (`aud`)".into()),
        ErrorKind::MissingRequiredClaim(claim) => AuthFailure::InvalidToken(format!("the `{claim}` claim is missing")),
        ErrorKind::InvalidClaimFormat(claim) => {
            AuthFailure::InvalidToken(format!("the `{claim}` claim has the wrong type"))
        }
        _ => AuthFailure::InvalidToken("the token could not be verified".into()),
    }
}

/// Keys fetched in the clear could be swapped in transit: https, or http to this machine only.
fn is_trusted_transport(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else { return url.starts_with("https://") };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

/// Largest JWKS document accepted from a URL.
const MAX_JWKS_BYTES: u64 = 1024 * 1024;

fn fetch_jwks(source: &JwksSource) -> Result<KeySet, String> {
    match source {
        JwksSource::File(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read JWKS file {}: {e}", path.display()))?;
            parse_jwks(&text, &path.display().to_string())
        }
        JwksSource::Url(url) => {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .timeout_global(Some(std::time::Duration::from_secs(10)))
                .build()
                .new_agent();
            let mut response = agent.get(url).call().map_err(|e| format!("cannot fetch JWKS from {url}: {e}"))?;
            let text = response
                .body_mut()
                .with_config()
                .limit(MAX_JWKS_BYTES)
                .read_to_string()
                .map_err(|e| format!("cannot read JWKS from {url}: {e}"))?;
            parse_jwks(&text, url)
        }
    }
}

fn parse_jwks(text: &str, origin: &str) -> Result<KeySet, String> {
    let set: JwkSet = serde_json::from_str(text).map_err(|e| format!("{origin} is not a JWKS document: {e}"))?;
    let mut keys = HashMap::new();
    for jwk in &set.keys {
        let kid = jwk.common.key_id.clone().ok_or_else(|| format!("{}: every key needs a `kid`", origin))?;
        let alg = jwk
            .common
            .key_algorithm
            .and_then(|a| Algorithm::try_from(a).ok())
            .ok_or_else(|| format!("{}: key `{kid}` needs a signing `alg` (RS256, ES256, EdDSA, ...)", origin))?;
        if matches!(alg, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512) {
            return Err(format!(
                "{}: key `{kid}` is symmetric; an external provider is trusted by public keys only",
                origin
            ));
        }
        let key = DecodingKey::from_jwk(jwk).map_err(|e| format!("{}: key `{kid}`: {e}", origin))?;
        keys.insert(kid, (key, alg));
    }
    if keys.is_empty() {
        return Err(format!("{} has no keys", origin));
    }
    Ok(keys)
}
