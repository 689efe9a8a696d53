//! JSON request bodies as the contract states them: a JSON object. serde's
//! derived structs would also take an array (fields by position), which no
//! documented body is; this extractor refuses it before deserializing.

use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A request body: a JSON object deserialized into `T`. Size limit, media
/// type and their errors are `web::Json`'s (see `extractor_config`).
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let value = web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let web::Json(value) = value.await?;
            if !value.is_object() {
                return Err(ApiError::InvalidBody("the body must be a JSON object".into()).into());
            }
            T::deserialize(value)
                .map(Json)
                .map_err(|e| ApiError::InvalidBody(format!("Json deserialize error: {e}")).into())
        })
    }
}

/// A raw request body, read up to `limit` bytes (for bodies the JSON
/// extractor does not take: GraphQL's, and sync pushes sent as text).
pub async fn read_limited(payload: &mut web::Payload, limit: usize) -> Result<web::Bytes, ApiError> {
    use futures_util::StreamExt;
    // A body that arrives in one chunk (the usual case) is returned as it is, uncopied.
    let mut single: Option<web::Bytes> = None;
    let mut joined = web::BytesMut::new();
    let mut len = 0;
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::InvalidBody("the request body could not be read".into()))?;
        len += chunk.len();
        if len > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        if let Some(first) = single.take() {
            joined.extend_from_slice(&first);
        }
        if len == chunk.len() {
            single = Some(chunk);
        } else {
            joined.extend_from_slice(&chunk);
        }
    }
    Ok(single.unwrap_or_else(|| joined.freeze()))
}

#[cfg(test)]
mod tests {
    use actix_web::error::PayloadError;
    use actix_web::test::TestRequest;

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Body {
        token: String,
    }

    async fn extract(json: &str) -> Result<String, String> {
        let (req, mut payload) = TestRequest::post()
            .insert_header(("content-type", "application/json"))
            .set_payload(json.to_owned())
            .to_http_parts();
        Json::<Body>::from_request(&req, &mut payload).await.map(|b| b.into_inner().token).map_err(|e| e.to_string())
    }

    type Chunks = std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<web::Bytes, PayloadError>>>>;

    /// `read_limited` over a body that arrives in these chunks.
    async fn read(chunks: &[&'static [u8]], limit: usize) -> Result<web::Bytes, ApiError> {
        let chunks: Vec<_> = chunks.iter().map(|chunk| Ok(web::Bytes::from_static(chunk))).collect();
        let stream: Chunks = Box::pin(futures_util::stream::iter(chunks));
        let mut raw = actix_web::dev::Payload::Stream { payload: stream };
        let req = TestRequest::post().to_http_request();
        let mut payload = web::Payload::from_request(&req, &mut raw).await.expect("a payload");
        read_limited(&mut payload, limit).await
    }

    #[actix_web::test]
    async fn a_body_is_read_whole_within_its_limit() {
        const ONE: &[u8] = b"{\"query\":\"{ a }\"}";
        let single = read(&[ONE], 100).await.expect("read");
        assert_eq!(single.as_ptr(), ONE.as_ptr(), "a body in one chunk is not copied");
        assert_eq!(read(&[b"", b"ab", b"", b"cd", b"e"], 5).await.expect("read"), "abcde");
        assert_eq!(read(&[b"ab", b"cd"], 4).await.expect("read"), "abcd");
        assert_eq!(read(&[], 5).await.expect("read"), "");
        assert!(matches!(read(&[b"abc", b"def"], 5).await, Err(ApiError::PayloadTooLarge { limit: 5 })));
        assert!(matches!(read(&[b"abcdef"], 5).await, Err(ApiError::PayloadTooLarge { limit: 5 })));
    }

    #[actix_web::test]
    async fn only_an_object_is_a_body() {
        assert_eq!(extract(r#"{"token": "t"}"#).await, Ok("t".to_owned()));
        let array = extract(r#"["t"]"#).await.unwrap_err();
        assert!(array.contains("JSON object"), "{array}");
        assert!(extract(r#"{"token": "t", "other": 1}"#).await.is_err());
        assert!(extract("\"t\"").await.is_err());
    }
}
