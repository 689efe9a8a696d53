//! Embeddable charts end to end: every chart is valid SVG (parsed by an XML
//! reader and by resvg, which rasterises it: non-empty, of the declared
//! size), accessible (`<title>`, `<desc>`, text labels), themeable, cached
//! with an ETag; embed pages may be framed only by their key's origins; oEmbed
//! answers for every embed address and 404s for anything else.

use roledex_api::dto::{ApiKeyRequest, ApiScope};
use roledex_e2e::awc::http::header::HeaderMap;
use roledex_e2e::{ROLE, TestApp, Value};

/// Every chart of the role, with the query each needs, and a label it must show.
const CHARTS: [(&str, &str, &str); 5] = [
    ("skills-radar", "", "Adversarial security"),
    ("learner-radar", "ratings=red-teaming-methodology:3,adversarial-ml:2,safety-evaluation-design:4", "You"),
    ("certifications", "", "1. ISO 42001 Lead Implementer"),
    ("career-ladder", "", "Director of AI Safety"),
    ("certification-timeline", "budget_usd=2000&hours_per_week=6&start=2027-01-04", "1. AIGP"),
];

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

fn chart_path(chart: &str, query: &str) -> String {
    format!("/api/v1/roles/{ROLE}/charts/{chart}?{query}")
}

/// The SVG's declared size, accessible name and description, and every text.
struct Parsed {
    width: f32,
    height: f32,
    title: String,
    desc: String,
    texts: Vec<String>,
}

fn parse_svg(body: &[u8]) -> Parsed {
    let text = std::str::from_utf8(body).unwrap_or_else(|e| panic!("SVG is not UTF-8: {e}"));
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(root.attribute("role"), Some("img"));
    let children: Vec<roxmltree::Node> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(children[0].tag_name().name(), "title", "the accessible name comes first");
    assert_eq!(children[1].tag_name().name(), "desc");
    let number = |name: &str| root.attribute(name).and_then(|v| v.parse::<f32>().ok()).unwrap_or(0.0);
    Parsed {
        width: number("width"),
        height: number("height"),
        title: children[0].text().unwrap_or_default().to_owned(),
        desc: children[1].text().unwrap_or_default().to_owned(),
        texts: doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.descendants().filter_map(|t| t.text()).collect::<String>().trim().to_owned())
            .collect(),
    }
}

/// Rasterises the SVG with resvg: its size, and the share of pixels unlike the corner's.
fn rasterise(body: &[u8]) -> (u32, u32, f64) {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = resvg::usvg::Tree::from_data(body, &options).unwrap_or_else(|e| panic!("resvg refuses it: {e}"));
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap_or_else(|| panic!("size"));
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let pixels = pixmap.pixels();
    let corner = pixels[0];
    let drawn = pixels.iter().filter(|p| **p != corner).count();
    (size.width(), size.height(), drawn as f64 / pixels.len() as f64)
}

async fn charts_are_valid_accessible_svg(app: &TestApp) {
    for (chart, query, label) in CHARTS {
        let path = chart_path(chart, query);
        let (status, headers, body) = app.get(&path).await;
        assert_eq!(status, 200, "{path}: {}", String::from_utf8_lossy(&body));
        assert_eq!(header(&headers, "content-type"), "image/svg+xml");
        assert!(header(&headers, "cache-control").starts_with("public"), "{headers:?}");
        let svg = parse_svg(&body);
        assert!(svg.title.contains("AI Systems Safety Manager"), "{chart}: {}", svg.title);
        assert!(svg.desc.len() > 40, "{chart}: the description states the data: {}", svg.desc);
        assert!(svg.texts.iter().any(|t| t.contains(label)), "{chart}: no `{label}` in {:?}", svg.texts);
        let (width, height, drawn) = rasterise(&body);
        assert_eq!((width as f32, height as f32), (svg.width, svg.height), "{chart}: the declared size");
        assert!(drawn > 0.02, "{chart}: only {:.3} of the pixels are drawn", drawn);

        let etag = header(&headers, "etag").to_owned();
        let request = app.client.get(app.url(&path)).insert_header(("If-None-Match", etag.as_str()));
        let (status, _, _) = app.send(request).await;
        assert_eq!(status, 304, "{chart}: revalidation");
    }
}

async fn the_ladder_draws_unknown_pay_as_unknown(app: &TestApp) {
    let (_, _, body) = app.get(&chart_path("career-ladder", "")).await;
    let svg = parse_svg(&body);
    let unknown = svg.texts.iter().filter(|t| t.starts_with("Pay unknown")).count();
    let ladder = &app
        .state
        .cache
        .profile(&roledex_domain::values::Slug::parse(ROLE).unwrap_or_else(|e| panic!("{e}")))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("the role"))
        .profile
        .document
        .ladder;
    let without_figure = ladder.iter().filter(|l| l.compensation.is_none()).count();
    assert!(without_figure > 0);
    assert_eq!(unknown, without_figure, "{:?}", svg.texts);
    assert!(!svg.texts.iter().any(|t| t.contains("USD")), "no figure is drawn that no source gives: {:?}", svg.texts);
    assert!(svg.desc.to_lowercase().contains("pay unknown"));
}

async fn themes_accents_and_errors(app: &TestApp) {
    let (status, _, light) = app.get(&chart_path("skills-radar", "")).await;
    assert_eq!(status, 200);
    let (status, _, dark) = app.get(&chart_path("skills-radar", "theme=dark&accent=%23ff8800")).await;
    assert_eq!(status, 200);
    let (light, dark) = (String::from_utf8_lossy(&light).to_lowercase(), String::from_utf8_lossy(&dark).to_lowercase());
    assert!(dark.contains("#ff8800") && !light.contains("#ff8800"), "the accent is drawn");
    assert!(dark.contains("#100c2a") && !light.contains("#100c2a"), "the dark background");

    let problem = |body: &[u8]| serde_json::from_slice::<Value>(body).unwrap_or(Value::Null)["code"].clone();
    let cases = [
        (chart_path("pie", ""), 404, "chart_not_found"),
        (chart_path("learner-radar", ""), 422, "chart_input_missing"),
        (chart_path("learner-radar", "ratings="), 400, "invalid_parameter"),
        (chart_path("learner-radar", "ratings=adversarial-ml"), 400, "invalid_parameter"),
        (chart_path("learner-radar", "ratings=no-such-skill:3"), 422, "invalid_submission"),
        (chart_path("skills-radar", "accent=blue"), 400, "invalid_parameter"),
        (chart_path("skills-radar", "theme=neon"), 400, "invalid_parameter"),
        (chart_path("certification-timeline", "budget_usd=2000"), 422, "chart_input_missing"),
        (
            chart_path("certification-timeline", "budget_usd=-1&hours_per_week=6&start=2027-01-04"),
            400,
            "invalid_parameter",
        ),
        ("/api/v1/roles/no-such-role/charts/skills-radar".to_owned(), 404, "role_not_found"),
        ("/api/v1/roles/security-engineer/charts/skills-radar".to_owned(), 422, "role_is_outline"),
    ];
    for (path, status, code) in cases {
        let (found, _, body) = app.get(&path).await;
        assert_eq!((found, problem(&body)), (status, Value::from(code)), "{path}");
    }
    let request = app.client.get(app.url(&chart_path("skills-radar", ""))).insert_header(("Accept", "image/png"));
    let (status, _, body) = app.send(request).await;
    assert_eq!((status, problem(&body)), (406, Value::from("not_acceptable")));
}

async fn key(app: &TestApp, scopes: Vec<ApiScope>, origins: &[&str]) -> String {
    let request = ApiKeyRequest {
        name: "embeds".into(),
        scopes,
        origins: origins.iter().map(|o| (*o).to_owned()).collect(),
        quota_per_minute: None,
    };
    app.state.partners.keys.create(&request, None).await.unwrap_or_else(|e| panic!("{e}")).secret
}

async fn embed_pages_are_framed_only_by_their_keys_origins(app: &TestApp) {
    let framed = key(app, vec![ApiScope::Embed], &["https://jobs.example.com", "http://localhost:8080"]).await;
    let unframed = key(app, vec![ApiScope::Embed], &[]).await;
    let reader = key(app, vec![ApiScope::ContentRead], &["https://jobs.example.com"]).await;
    let page = format!("/embed/roles/{ROLE}/skills-radar");
    let ancestors = |headers: &HeaderMap| {
        let policy = header(headers, "content-security-policy").to_owned();
        assert!(policy.contains("default-src 'none'"), "{policy}");
        assert!(headers.get("x-frame-options").is_none(), "X-Frame-Options would override frame-ancestors");
        policy.split(';').find_map(|d| d.trim().strip_prefix("frame-ancestors ").map(str::to_owned)).unwrap_or_default()
    };

    let (status, headers, body) = app.get(&page).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), "text/html; charset=utf-8");
    assert_eq!(ancestors(&headers), "'none'", "no key: no one may frame it");
    let html = String::from_utf8_lossy(&body).into_owned();
    let svg = &html[html.find("<svg").unwrap_or(0)..html.find("</svg>").map_or(0, |e| e + 6)];
    assert!(parse_svg(svg.as_bytes()).title.contains("target skill levels"));
    assert!(html.contains("<figcaption>") && html.contains("Roledex</a>"), "attribution");
    assert!(html.contains("type=\"application/json+oembed\""), "oEmbed discovery");
    assert!(!html.contains("<script"), "the page runs no script");

    let (status, headers, _) = app.get(&format!("{page}?key={framed}")).await;
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "cache-control"), "private, max-age=60", "a keyed page is kept briefly, privately");
    let mut listed: Vec<String> = ancestors(&headers).split(' ').map(str::to_owned).collect();
    listed.sort();
    assert_eq!(listed, ["http://localhost:8080", "https://jobs.example.com"]);
    let (status, headers, _) = app.get(&format!("{page}?key={unframed}&theme=dark")).await;
    assert_eq!((status, ancestors(&headers)), (200, "'none'".to_owned()));
    // A key without `embed`, sent as a header, lacks the scope.
    let request = app.client.get(app.url(&page)).insert_header(("X-Api-Key", reader.as_str()));
    let (status, _, body) = app.send(request).await;
    assert_eq!(status, 403, "{}", String::from_utf8_lossy(&body));
    let (status, headers, _) = app.get(&format!("{page}?key=rdx_{}", "A".repeat(43))).await;
    assert_eq!((status, header(&headers, "www-authenticate")), (401, "ApiKey realm=\"roledex\""));

    // A key in an address is public: only an embed-only key is taken there.
    let powerful = key(app, vec![ApiScope::Embed, ApiScope::ContentRead], &["https://jobs.example.com"]).await;
    let (status, _, body) = app.get(&format!("{page}?key={powerful}")).await;
    let body: Value = serde_json::from_slice(&body).unwrap_or_default();
    assert_eq!((status, body["code"].as_str()), (401, Some("invalid_api_key")), "{body}");
    // HEAD answers the headers alone.
    let (status, headers, body) = app.send(app.client.head(app.url(&format!("{page}?key={framed}")))).await;
    assert_eq!((status, body.len()), (200, 0));
    assert!(header(&headers, "content-security-policy").contains("https://jobs.example.com"));
}

/// Charts drawn from the caller's input are computations: a key needs
/// `guidance:compute` for them, and anonymous callers spend the compute quota.
async fn computed_charts_are_computations(app: &TestApp) {
    let reader = key(app, vec![ApiScope::ContentRead], &[]).await;
    let computer = key(app, vec![ApiScope::ContentRead, ApiScope::GuidanceCompute], &[]).await;
    for (chart, query, _) in CHARTS {
        let path = chart_path(chart, query);
        let computed = ["learner-radar", "certification-timeline"].contains(&chart);
        let request = app.client.get(app.url(&path)).insert_header(("X-Api-Key", reader.as_str()));
        let (status, _, body) = app.send(request).await;
        let expected = if computed { 403 } else { 200 };
        assert_eq!(status, expected, "{chart} with content:read: {}", String::from_utf8_lossy(&body));
        let request = app.client.get(app.url(&path)).insert_header(("X-Api-Key", computer.as_str()));
        assert_eq!(app.send(request).await.0, 200, "{chart} with guidance:compute");
        let (_, headers, _) = app.get(&path).await;
        assert_eq!(
            header(&headers, "ratelimit-policy").contains("anonymous-compute"),
            computed,
            "{chart}: {headers:?}"
        );
        let (_, headers, _) = app.get(&format!("/embed/roles/{ROLE}/{chart}?{query}")).await;
        assert_eq!(header(&headers, "ratelimit-policy").contains("anonymous-compute"), computed, "embed {chart}");
    }
}

/// Absolute links name the address the client used, never one a client
/// forwards without a trusted proxy in between.
async fn links_ignore_forwarded_hosts_from_untrusted_peers(app: &TestApp) {
    let host = app.address.trim_start_matches("http://").to_owned();
    let request = app
        .client
        .get(app.url(&format!("/api/v1/roles/{ROLE}/structured-data")))
        .insert_header(("X-Forwarded-Host", "evil.example"))
        .insert_header(("X-Forwarded-Proto", "https"))
        .insert_header(("Forwarded", "host=evil.example;proto=https"));
    let (status, _, body) = app.send(request).await;
    let occupation: Value = serde_json::from_slice(&body).unwrap_or_default();
    assert_eq!(status, 200);
    assert_eq!(occupation["@id"].as_str(), Some(format!("http://{host}/api/v1/roles/{ROLE}").as_str()));

    let request = app
        .client
        .get(app.url(&format!("/embed/roles/{ROLE}/skills-radar")))
        .insert_header(("X-Forwarded-Host", "evil.example"));
    let (_, _, body) = app.send(request).await;
    assert!(!String::from_utf8_lossy(&body).contains("evil.example"));

    // An oEmbed for an address on a forwarded host is not this server's.
    let url = format!("http://evil.example/embed/roles/{ROLE}/skills-radar");
    let ask = format!("/oembed?{}", serde_urlencoded::to_string([("url", url.as_str())]).unwrap_or_default());
    let request = app.client.get(app.url(&ask)).insert_header(("X-Forwarded-Host", "evil.example"));
    assert_eq!(app.send(request).await.0, 404);
}

async fn oembed_answers_for_embed_pages_only(app: &TestApp) {
    let host = app.address.trim_start_matches("http://").to_owned();
    for (chart, query, _) in CHARTS {
        let page = match query {
            "" => app.url(&format!("/embed/roles/{ROLE}/{chart}")),
            query => app.url(&format!("/embed/roles/{ROLE}/{chart}?{query}")),
        };
        let (status, _, svg) = app.get(&chart_path(chart, query)).await;
        assert_eq!(status, 200);
        let svg = parse_svg(&svg);
        let ask = format!("/oembed?{}", serde_urlencoded::to_string([("url", page.as_str())]).unwrap_or_default());
        let (status, answer) = app.get_json(&ask).await;
        assert_eq!(status, 200, "{chart}: {answer}");
        assert_eq!((answer["version"].as_str(), answer["type"].as_str()), (Some("1.0"), Some("rich")));
        assert_eq!(answer["provider_name"], "Roledex");
        assert_eq!(answer["width"].as_f64().map(|w| w as f32), Some(svg.width));
        let caption = f64::from(roledex_api::embed::oembed::CAPTION_HEIGHT);
        assert_eq!(answer["height"].as_f64().map(|h| (h - caption) as f32), Some(svg.height));
        let html = answer["html"].as_str().unwrap_or_default();
        assert!(html.starts_with("<iframe src=\"") && html.contains(&page.replace('&', "&amp;")), "{html}");
        assert!(html.contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\""));

        let (status, small) = app.get_json(&format!("{ask}&maxwidth=320&format=json")).await;
        assert_eq!((status, small["width"].as_u64()), (200, Some(320)));
    }
    let escaped = |url: &str| serde_urlencoded::to_string([("url", url)]).unwrap_or_default();
    let elsewhere = [
        format!("https://elsewhere.example/embed/roles/{ROLE}/skills-radar"),
        format!("http://{host}/api/v1/roles/{ROLE}"),
        format!("http://{host}/embed/roles/no-such-role/skills-radar"),
        format!("http://{host}/embed/roles/{ROLE}/pie"),
        format!("http://{host}/embed/roles/{ROLE}/learner-radar"),
        format!("http://{host}/embed/roles/{ROLE}/learner-radar?ratings=adversarial-ml:9"),
        format!("http://{host}/embed/roles/security-engineer/skills-radar"),
        format!("http://{host}/embed/roles/{ROLE}/skills-radar?key=rdx_{}", "B".repeat(43)),
    ];
    for url in elsewhere {
        let (status, body) = app.get_json(&format!("/oembed?{}", escaped(&url))).await;
        assert_eq!((status, body["code"].as_str()), (404, Some("embed_not_found")), "{url}: {body}");
    }
    let good = escaped(&format!("http://{host}/embed/roles/{ROLE}/skills-radar"));
    let (status, body) = app.get_json(&format!("/oembed?{good}&format=xml")).await;
    assert_eq!((status, body["code"].as_str()), (501, Some("format_not_implemented")));
    let (status, body) = app.get_json("/oembed").await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_parameter")));
    let (status, body) = app.get_json(&format!("/oembed?{good}&maxheight=0")).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_parameter")));
    let (status, body) = app.get_json(&format!("/oembed?{good}&maxheight=20")).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("embed_not_found")), "no frame fits 20 px");
    // What the address carries is written back escaped: it cannot leave the attribute.
    let hostile = escaped(&format!("http://{host}/embed/roles/{ROLE}/skills-radar?x=\"><script>alert(1)</script>"));
    let (status, body) = app.get_json(&format!("/oembed?{hostile}")).await;
    assert_eq!(status, 200, "{body}");
    let html = body["html"].as_str().unwrap_or_default();
    assert!(!html.contains("<script") && html.contains("&quot;&gt;&lt;script&gt;"), "{html}");
}

roledex_e2e::on_both_backends!(charts_are_valid_accessible_svg);
roledex_e2e::on_both_backends!(embed_pages_are_framed_only_by_their_keys_origins);
roledex_e2e::on_both_backends!(computed_charts_are_computations);

#[actix_web::test]
async fn charts_on_sqlite() {
    if let Some(app) = roledex_e2e::spawn_app(roledex_e2e::Backend::Sqlite).await {
        the_ladder_draws_unknown_pay_as_unknown(&app).await;
        themes_accents_and_errors(&app).await;
        oembed_answers_for_embed_pages_only(&app).await;
        links_ignore_forwarded_hosts_from_untrusted_peers(&app).await;
    }
}

/// Links name `public_url` when it is set, and a trusted proxy's forwarded
/// host when the request came through one.
#[actix_web::test]
async fn links_name_the_public_url_or_a_trusted_proxys_host() {
    let structured = |app: &TestApp, headers: Vec<(&'static str, &'static str)>| {
        let mut request = app.client.get(app.url(&format!("/api/v1/roles/{ROLE}/structured-data")));
        for header in headers {
            request = request.insert_header(header);
        }
        request
    };
    let configured =
        |config: &mut roledex_api::config::Config| config.public_url = Some("https://roledex.example".into());
    if let Some(app) = roledex_e2e::spawn_app_with(roledex_e2e::Backend::Sqlite, configured).await {
        let (_, _, body) = app.send(structured(&app, vec![("X-Forwarded-Host", "evil.example")])).await;
        let occupation: Value = serde_json::from_slice(&body).unwrap_or_default();
        assert_eq!(occupation["@id"].as_str(), Some(format!("https://roledex.example/api/v1/roles/{ROLE}").as_str()));
        let ours = format!("https://roledex.example/embed/roles/{ROLE}/skills-radar");
        let ask = format!("/oembed?{}", serde_urlencoded::to_string([("url", ours.as_str())]).unwrap_or_default());
        let (status, answer) = app.get_json(&ask).await;
        assert_eq!(status, 200, "{answer}");
        assert!(answer["html"].as_str().unwrap_or_default().starts_with(&format!("<iframe src=\"{ours}\"")));
        let direct = app.url(&format!("/embed/roles/{ROLE}/skills-radar"));
        let ask = format!("/oembed?{}", serde_urlencoded::to_string([("url", direct.as_str())]).unwrap_or_default());
        assert_eq!(app.get_json(&ask).await.0, 404, "only the public address is this server's");
    }
    let behind_proxy = |config: &mut roledex_api::config::Config| config.trusted_proxies = vec!["127.0.0.1".into()];
    if let Some(app) = roledex_e2e::spawn_app_with(roledex_e2e::Backend::Sqlite, behind_proxy).await {
        let forwarded = vec![("X-Forwarded-Host", "jobs-proxy.example"), ("X-Forwarded-Proto", "https")];
        let (_, _, body) = app.send(structured(&app, forwarded)).await;
        let occupation: Value = serde_json::from_slice(&body).unwrap_or_default();
        let expected = format!("https://jobs-proxy.example/api/v1/roles/{ROLE}");
        assert_eq!(occupation["@id"].as_str(), Some(expected.as_str()));
    }
}
