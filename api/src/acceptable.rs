//! `406 Not Acceptable` for every documented operation: a request whose
//! `Accept` names none of the media types the operation's success responses
//! are documented with is refused before it runs. The table is made from the
//! OpenAPI document, so an operation's contract and this check cannot differ.
//! (Operations that offer several representations choose among them in their
//! handlers; this check only refuses what none of them is.)

use actix_web::dev::{ResourceDef, ServiceRequest};
use actix_web::http::{Method, header};
use actix_web::web;
use utoipa::openapi::{OpenApi, RefOr};

use crate::error::ApiError;
use crate::formats::negotiate;

/// The media types one method of a path answers with.
type MethodTypes = (Method, Vec<String>);

/// Each documented path, and per method the media types it answers with.
pub struct Representations {
    routes: Vec<(ResourceDef, Vec<MethodTypes>)>,
}

impl Representations {
    pub fn new(openapi: &OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in &openapi.paths.paths {
            let operations = [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::DELETE, &item.delete),
            ];
            let mut methods = Vec::new();
            for (method, operation) in operations {
                let Some(operation) = operation else { continue };
                let mut types: Vec<String> = operation
                    .responses
                    .responses
                    .iter()
                    .filter(|(status, _)| status.starts_with('2'))
                    .filter_map(|(_, response)| match response {
                        RefOr::T(response) => Some(response.content.keys().cloned().collect::<Vec<_>>()),
                        RefOr::Ref(_) => None,
                    })
                    .flatten()
                    .collect();
                types.sort();
                types.dedup();
                if method == Method::GET {
                    methods.push((Method::HEAD, types.clone()));
                }
                methods.push((method, types));
            }
            routes.push((ResourceDef::new(path.as_str()), methods));
        }
        // A literal path wins over a pattern that also matches it.
        routes.sort_by_key(|(def, _)| std::cmp::Reverse(def.pattern().map_or(0, str::len)));
        Self { routes }
    }

    /// What `method` on `path` answers with; `None` for an undocumented route
    /// or an answer without a body (`204`).
    fn offered(&self, method: &Method, path: &str) -> Option<&[String]> {
        let (_, methods) = self.routes.iter().find(|(def, _)| def.is_match(path))?;
        let (_, types) = methods.iter().find(|(m, _)| m == method)?;
        (!types.is_empty()).then_some(types.as_slice())
    }
}

/// True when nothing in `Accept` can narrow the choice (absent, or `*/*` at a
/// non-zero weight): the common case, decided without a table look-up.
fn accepts_anything(req: &ServiceRequest) -> bool {
    let mut values = req.headers().get_all(header::ACCEPT).peekable();
    if values.peek().is_none() {
        return true;
    }
    values.filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|range| {
        let mut parts = range.split(';');
        parts.next().is_some_and(|t| t.trim() == "*/*")
            && !parts.any(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()) == Some(0.0))
    })
}

/// The `406` for a request whose `Accept` names none of what its operation
/// answers with; `None` lets it through.
pub fn refusal(req: &ServiceRequest) -> Option<ApiError> {
    if accepts_anything(req) {
        return None;
    }
    let table = req.app_data::<web::Data<Representations>>()?;
    let offered = table.offered(req.method(), req.path())?;
    (!negotiate::accepts_any(req.request(), offered)).then(|| ApiError::NotAcceptable { offered: offered.join(", ") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn the_table_holds_each_operations_media_types() {
        let table = Representations::new(&crate::rest::openapi());
        let profile = table.offered(&Method::GET, "/api/v1/roles/ai-systems-safety-manager");
        assert_eq!(profile, Some(&["application/json".to_owned(), "application/ld+json".to_owned()][..]));
        let chart = table.offered(&Method::HEAD, "/api/v1/roles/x/charts/skills-radar");
        assert_eq!(chart, Some(&["image/svg+xml".to_owned()][..]));
        assert_eq!(table.offered(&Method::GET, "/api/v1/skills"), Some(&["application/json".to_owned()][..]));
        assert_eq!(table.offered(&Method::GET, "/graphql"), None, "GraphQL negotiates on its own");
    }

    #[test]
    fn a_wildcard_or_no_accept_needs_no_look_up() {
        let with = |accept: Option<&str>| {
            let mut req = TestRequest::default();
            if let Some(a) = accept {
                req = req.insert_header(("Accept", a));
            }
            accepts_anything(&req.to_srv_request())
        };
        assert!(with(None));
        assert!(with(Some("text/html, */*;q=0.8")));
        assert!(!with(Some("*/*;q=0")));
        assert!(!with(Some("*/*; q=0.0")));
        assert!(!with(Some("text/csv")));
    }
}
