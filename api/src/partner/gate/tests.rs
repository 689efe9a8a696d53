use super::*;

#[test]
fn routes_are_classified_as_the_router_sees_them() {
    assert_eq!(route("/api/v1/roles/x/compute/readiness"), Route::Compute);
    assert_eq!(route("/api/v1/roles/x/%63ompute/readiness"), Route::Compute);
    assert_eq!(route("/api/v1/roles/x%2Fcompute%2Freadiness"), Route::Compute);
    assert_eq!(route("/api/v1/roles/x"), Route::Content);
    assert_eq!(route("/api/v1/%6De/assessments"), Route::Own);
    assert_eq!(route("/api/v1/admin/api-keys"), Route::Own);
    assert_eq!(route("/graphql"), Route::Graphql);
    assert_eq!(route("/healthz"), Route::Free);
    assert_eq!(route("/docs/index.html"), Route::Free);
    assert_eq!(route("/api/v1/roles/%zz"), Route::Content);
    // Charts drawn from the caller's input are computations; the others are content.
    assert_eq!(route("/api/v1/roles/x/charts/learner-radar"), Route::Compute);
    assert_eq!(route("/api/v1/roles/x/charts/certification-timeline"), Route::Compute);
    assert_eq!(route("/api/v1/roles/x/charts/%6Cearner-radar"), Route::Compute);
    assert_eq!(route("/api/v1/roles/x/charts/skills-radar"), Route::Content);
    assert_eq!(route("/embed/roles/x/learner-radar"), Route::Embed);
    assert!(computes("/embed/roles/x/learner-radar") && !computes("/embed/roles/x/career-ladder"));
}

/// Every request's middleware future holds the gate's inline, so a quota
/// store's or a key look-up's future (kilobytes) stays behind a box.
#[test]
fn the_gates_future_stays_small() {
    let req = actix_web::test::TestRequest::default().to_srv_request();
    let bytes = std::mem::size_of_val(&admit_request(&req));
    assert!(bytes < 1024, "{bytes} bytes");
}
