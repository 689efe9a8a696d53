//! GraphiQL, served from assets compiled into the binary, so the IDE works
//! with no internet access. The bundle is checked in under
//! `api/assets/graphiql/` (versions in `VERSIONS`, licences beside them);
//! `scripts/refresh-graphiql` updates it from `api/graphiql/package.json`.
//! The page runs no inline script, so its Content-Security-Policy can allow
//! this origin's scripts alone.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

const GRAPHIQL_JS: &[u8] = include_bytes!("../../assets/graphiql/graphiql.min.js");
const GRAPHIQL_CSS: &[u8] = include_bytes!("../../assets/graphiql/graphiql.min.css");
const REACT_JS: &[u8] = include_bytes!("../../assets/graphiql/react.production.min.js");
const REACT_DOM_JS: &[u8] = include_bytes!("../../assets/graphiql/react-dom.production.min.js");

/// Starts GraphiQL against this server's `/graphql`.
const START_JS: &str = r#"const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultQuery = `{
  role(slug: "ai-systems-safety-manager") {
    title
    oneLine
    demand { level salaryDataPoints { title employer base { amount currency } source { name asOf } } }
    certifications { rank valueScore { score } certification { name provider cost { kind min max currency } } }
  }
}`;
ReactDOM.createRoot(document.getElementById('graphiql'))
  .render(React.createElement(GraphiQL, { fetcher, defaultQuery }));
"#;

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Roledex GraphiQL</title>
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="/graphql/assets/graphiql.min.css">
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphql/assets/react.production.min.js"></script>
  <script src="/graphql/assets/react-dom.production.min.js"></script>
  <script src="/graphql/assets/graphiql.min.js"></script>
  <script src="/graphql/assets/start.js"></script>
</body>
</html>
"#;

pub async fn graphiql_page() -> HttpResponse {
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(PAGE)
}

pub async fn graphiql_asset(name: web::Path<String>) -> HttpResponse {
    let (body, content_type) = match name.as_str() {
        "graphiql.min.js" => (GRAPHIQL_JS, "application/javascript"),
        "graphiql.min.css" => (GRAPHIQL_CSS, "text/css"),
        "react.production.min.js" => (REACT_JS, "application/javascript"),
        "react-dom.production.min.js" => (REACT_DOM_JS, "application/javascript"),
        "start.js" => (START_JS.as_bytes(), "application/javascript"),
        other => {
            return actix_web::ResponseError::error_response(&crate::error::ApiError::RouteNotFound(format!(
                "/graphql/assets/{}",
                other.chars().take(80).collect::<String>()
            )));
        }
    };
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(body)
}
