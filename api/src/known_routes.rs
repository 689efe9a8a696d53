//! Which methods each known path takes, so a request with another method
//! gets `405 Method Not Allowed` with an `Allow` header instead of a 404.
//! The table is made from the OpenAPI document (every REST route is in it)
//! plus the routes outside the contract (GraphQL, docs, probes).

use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use utoipa::openapi::OpenApi;

use crate::error::ApiError;

/// Routes the OpenAPI document does not describe, and their methods.
const UNDOCUMENTED: &[(&str, &[Method])] = &[
    ("/graphql", &[Method::GET, Method::POST]),
    ("/graphql/assets/{name}", &[Method::GET]),
    ("/openapi.json", &[Method::GET]),
    ("/docs", &[Method::GET]),
    ("/docs/{tail:.*}", &[Method::GET]),
    ("/healthz", &[Method::GET]),
    ("/readyz", &[Method::GET]),
];

pub struct KnownRoutes {
    routes: Vec<(ResourceDef, String)>,
}

impl KnownRoutes {
    pub fn new(openapi: &OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in &openapi.paths.paths {
            let methods = [
                (Method::GET, item.get.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::DELETE, item.delete.is_some()),
                (Method::PATCH, item.patch.is_some()),
            ];
            let allowed: Vec<Method> = methods.into_iter().filter(|(_, on)| *on).map(|(m, _)| m).collect();
            routes.push((ResourceDef::new(path.as_str()), allow(&allowed)));
        }
        for (path, methods) in UNDOCUMENTED {
            routes.push((ResourceDef::new(*path), allow(methods)));
        }
        // A literal path wins over a pattern that also matches it
        // (`/me/sprint-plans/{id}.ics` before `/me/sprint-plans/{id}`).
        routes.sort_by_key(|(def, _)| std::cmp::Reverse(def.pattern().map_or(0, str::len)));
        Self { routes }
    }

    /// The error for a request no route took: 405 with the methods the path
    /// does take, or 404 for an unknown path.
    pub fn miss(&self, method: &Method, path: &str) -> ApiError {
        match self.routes.iter().find(|(def, _)| def.is_match(path)) {
            Some((_, allowed)) => ApiError::MethodNotAllowed { method: method.to_string(), allowed: allowed.clone() },
            None => ApiError::RouteNotFound(path.chars().take(200).collect()),
        }
    }
}

/// The `Allow` value.
fn allow(methods: &[Method]) -> String {
    methods.iter().map(Method::as_str).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_paths_name_their_methods_and_unknown_ones_are_not_found() {
        let routes = KnownRoutes::new(&crate::rest::openapi());
        let code = |method: Method, path: &str| routes.miss(&method, path);
        assert_eq!(
            code(Method::DELETE, "/api/v1/roles/x"),
            ApiError::MethodNotAllowed { method: "DELETE".into(), allowed: "GET".into() }
        );
        assert_eq!(
            code(Method::TRACE, "/graphql"),
            ApiError::MethodNotAllowed { method: "TRACE".into(), allowed: "GET, POST".into() }
        );
        assert_eq!(
            code(Method::GET, "/api/v1/me/sprint-plans/x/tasks/y"),
            ApiError::MethodNotAllowed { method: "GET".into(), allowed: "PUT".into() }
        );
        assert_eq!(code(Method::GET, "/api/v1/nothing-here"), ApiError::RouteNotFound("/api/v1/nothing-here".into()));
    }
}
