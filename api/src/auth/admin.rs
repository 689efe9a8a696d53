//! `Admin`: a learner whose account has the admin role. Anyone else with a
//! valid token gets 403 `forbidden`; without one, 401.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, dev::Payload};

use super::Learner;
use crate::error::ApiError;

#[derive(Debug, Clone)]
pub struct Admin {
    pub user_id: String,
}

impl Admin {
    pub fn of(learner: &Learner) -> Result<Self, ApiError> {
        if learner.role == roledex_domain::account::UserRole::Admin.as_str() {
            Ok(Self { user_id: learner.user_id.clone() })
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

impl FromRequest for Admin {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let learner = Learner::from_request(req, payload);
        Box::pin(async move { Admin::of(&learner.await?) })
    }
}
