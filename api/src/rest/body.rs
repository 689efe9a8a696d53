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
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::InvalidBody("the request body could not be read".into()))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

#[cfg(test)]
mod tests {
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

    #[actix_web::test]
    async fn only_an_object_is_a_body() {
        assert_eq!(extract(r#"{"token": "t"}"#).await, Ok("t".to_owned()));
        let array = extract(r#"["t"]"#).await.unwrap_err();
        assert!(array.contains("JSON object"), "{array}");
        assert!(extract(r#"{"token": "t", "other": 1}"#).await.is_err());
        assert!(extract("\"t\"").await.is_err());
    }
}
