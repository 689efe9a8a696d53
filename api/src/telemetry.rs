//! Logs, request ids and Prometheus metrics.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::io::IsTerminal;
use std::time::Instant;

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{Error, web};
use tracing_subscriber::EnvFilter;

/// Logs go to stderr: human-readable on a terminal, JSON lines otherwise.
pub fn init_logging(filter: &str) {
    let filter = EnvFilter::try_new(filter).unwrap_or_else(|_| EnvFilter::new("info"));
    // A log line that cannot be written is dropped: the library would report
    // it on stderr with `eprintln!`, which panics when stderr is the broken
    // pipe (a log collector that went away), taking the server down with it.
    let builder =
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).log_internal_errors(false);
    let _ = if std::io::stderr().is_terminal() {
        builder.try_init()
    } else {
        builder.json().flatten_event(true).with_current_span(true).with_span_list(false).try_init()
    };
}

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 12] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

#[derive(Default)]
struct Series {
    count: u64,
    sum_seconds: f64,
    buckets: [u64; BUCKETS.len()],
}

/// Series by route pattern first, so a request finds its own without
/// allocating; then by method label and status.
type SeriesByRoute = BTreeMap<String, BTreeMap<(&'static str, u16), Series>>;

/// Request counts and latencies by route pattern, method and status.
#[derive(Default)]
pub struct Metrics {
    series: parking_lot::Mutex<SeriesByRoute>,
}

impl Metrics {
    pub fn observe(&self, route: &str, method: &'static str, status: u16, seconds: f64) {
        let mut series = self.series.lock();
        let by_method = match series.get_mut(route) {
            Some(found) => found,
            None => series.entry(route.to_owned()).or_default(),
        };
        let entry = by_method.entry((method, status)).or_default();
        entry.count += 1;
        entry.sum_seconds += seconds;
        for (bucket, bound) in entry.buckets.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *bucket += 1;
            }
        }
    }

    pub fn render(&self, sql_statements: u64) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# HELP roledex_http_requests_total HTTP requests by route, method and status.");
        let _ = writeln!(out, "# TYPE roledex_http_requests_total counter");
        let series = self.series.lock();
        for (route, method, status, s) in flatten(&series) {
            let _ = writeln!(
                out,
                "roledex_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {}",
                s.count
            );
        }
        let _ = writeln!(out, "# HELP roledex_http_request_duration_seconds HTTP request latency.");
        let _ = writeln!(out, "# TYPE roledex_http_request_duration_seconds histogram");
        for (route, method, status, s) in flatten(&series) {
            let labels = format!("route=\"{route}\",method=\"{method}\",status=\"{status}\"");
            for (count, bound) in s.buckets.iter().zip(BUCKETS) {
                let _ =
                    writeln!(out, "roledex_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {count}");
            }
            let _ = writeln!(out, "roledex_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}", s.count);
            let _ = writeln!(out, "roledex_http_request_duration_seconds_sum{{{labels}}} {}", s.sum_seconds);
            let _ = writeln!(out, "roledex_http_request_duration_seconds_count{{{labels}}} {}", s.count);
        }
        let _ = writeln!(out, "# HELP roledex_db_statements_total SQL statements run.");
        let _ = writeln!(out, "# TYPE roledex_db_statements_total counter");
        let _ = writeln!(out, "roledex_db_statements_total {sql_statements}");
        out
    }
}

static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

fn flatten(series: &SeriesByRoute) -> impl Iterator<Item = (&str, &'static str, u16, &Series)> {
    series.iter().flat_map(|(route, by_method)| {
        by_method.iter().map(move |((method, status), s)| (route.as_str(), *method, *status, s))
    })
}

/// A caller's request id is kept when it is short and plain; otherwise a new one is made.
fn request_id(req: &ServiceRequest) -> String {
    req.headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        .map(str::to_owned)
        .unwrap_or_else(fresh_request_id)
}

thread_local! {
    /// Where this thread's request ids start: random, drawn once per thread.
    static NEXT_ID: std::cell::Cell<u128> = std::cell::Cell::new(uuid::Uuid::new_v4().as_u128());
}

/// A UUID (version 4 layout) unique to this request: the thread's random
/// start plus a count. Ids need to be unique, not unguessable, so one
/// `getrandom` per thread replaces one per request.
fn fresh_request_id() -> String {
    let n = NEXT_ID.with(|next| {
        let n = next.get();
        next.set(n.wrapping_add(1));
        n
    });
    uuid::Builder::from_random_bytes(n.to_be_bytes()).into_uuid().to_string()
}

/// The metric label of a method: only standard methods, so clients cannot grow the series.
fn method_label(method: &actix_web::http::Method) -> &'static str {
    use actix_web::http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

/// One request, watched from arrival to answer: a span with its id, a log
/// line at the end, a metrics sample, and the id echoed in `x-request-id`.
pub struct Observation {
    started: Instant,
    id: String,
    method: &'static str,
    metrics: Option<web::Data<std::sync::Arc<Metrics>>>,
    span: tracing::Span,
}

impl Observation {
    pub fn start(req: &ServiceRequest) -> Self {
        let id = request_id(req);
        let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.path());
        Self {
            started: Instant::now(),
            method: method_label(req.method()),
            metrics: req.app_data::<web::Data<std::sync::Arc<Metrics>>>().cloned(),
            id,
            span,
        }
    }

    /// The span the request is handled in.
    pub fn span(&self) -> tracing::Span {
        self.span.clone()
    }

    pub fn finish<B>(self, result: Result<ServiceResponse<B>, Error>) -> Result<ServiceResponse<B>, Error> {
        let elapsed = self.started.elapsed().as_secs_f64();
        let span = self.span;
        match result {
            Ok(mut response) => {
                let status = response.status().as_u16();
                // Unmatched paths share one label so scanners cannot grow the series without bound.
                let route = response.request().match_pattern().unwrap_or_else(|| "unmatched".to_owned());
                if let Some(metrics) = self.metrics {
                    metrics.observe(&route, self.method, status, elapsed);
                }
                if let Ok(value) = HeaderValue::from_str(&self.id) {
                    response.headers_mut().insert(REQUEST_ID.clone(), value);
                }
                span.in_scope(|| {
                    tracing::info!(status, latency_ms = elapsed * 1000.0, route = %route, "request finished");
                });
                Ok(response)
            }
            Err(err) => {
                span.in_scope(|| tracing::warn!(error = %err, latency_ms = elapsed * 1000.0, "request failed"));
                Err(err)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_request_ids_are_distinct_uuids() {
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| fresh_request_id()).collect();
        assert_eq!(ids.len(), 1000);
        for id in ids.iter().take(10) {
            let parsed = uuid::Uuid::parse_str(id).expect("a UUID");
            assert_eq!(parsed.get_version_num(), 4, "{id}");
        }
        let elsewhere = std::thread::spawn(fresh_request_id).join().unwrap();
        assert!(!ids.contains(&elsewhere), "another thread starts elsewhere");
    }

    #[test]
    fn renders_counters_and_histograms() {
        let m = Metrics::default();
        m.observe("/healthz", "GET", 200, 0.0007);
        m.observe("/healthz", "GET", 200, 0.3);
        let text = m.render(7);
        assert!(text.contains("roledex_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 2"));
        assert!(text.contains("le=\"0.001\"} 1"));
        assert!(text.contains("le=\"+Inf\"} 2"));
        assert!(text.contains("roledex_db_statements_total 7"));
    }
}
