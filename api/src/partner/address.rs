//! The client address a request counts against: the TCP peer, unless the
//! peer is a trusted proxy (`trusted_proxies`), in which case the nearest
//! address in `X-Forwarded-For` that is not itself a trusted proxy. Only
//! addresses the trusted proxies appended are believed: reading the header
//! from the right stops a client from choosing its own address by sending
//! one.

use std::net::IpAddr;

use actix_web::HttpRequest;
use ipnet::IpNet;

#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Addresses (`10.0.0.1`) and ranges (`10.0.0.0/8`).
    pub fn parse(entries: &[String]) -> Result<Self, String> {
        entries
            .iter()
            .map(|entry| {
                entry.parse::<IpNet>().or_else(|_| entry.parse::<IpAddr>().map(IpNet::from)).map_err(|_| entry.clone())
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    fn trusts(&self, address: &IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(address))
    }

    pub fn client_address(&self, req: &HttpRequest) -> String {
        let Some(peer) = req.peer_addr().map(|a| a.ip()) else { return "unknown".to_owned() };
        if !self.trusts(&peer) {
            return peer.to_string();
        }
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        let mut client = peer;
        for hop in forwarded.iter().rev() {
            match hop.parse::<IpAddr>() {
                Ok(address) => {
                    client = address;
                    if !self.trusts(&address) {
                        break;
                    }
                }
                // An entry that is not an address ends what can be believed.
                Err(_) => break,
            }
        }
        client.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn request(peer: &str, forwarded: Option<&str>) -> HttpRequest {
        let mut req =
            TestRequest::default().peer_addr(format!("{peer}:4000").parse().unwrap_or_else(|e| panic!("{e}")));
        if let Some(value) = forwarded {
            req = req.insert_header(("x-forwarded-for", value));
        }
        req.to_http_request()
    }

    #[test]
    fn the_peer_unless_it_is_a_trusted_proxy() {
        let proxies = TrustedProxies::parse(&["10.0.0.0/8".into(), "192.168.1.5".into()]).unwrap_or_default();
        assert_eq!(proxies.client_address(&request("203.0.113.9", Some("1.2.3.4"))), "203.0.113.9");
        assert_eq!(proxies.client_address(&request("10.1.1.1", Some("198.51.100.7"))), "198.51.100.7");
        // A client's own forged entry sits left of what the proxies appended.
        assert_eq!(
            proxies.client_address(&request("10.1.1.1", Some("6.6.6.6, 198.51.100.7, 192.168.1.5"))),
            "198.51.100.7"
        );
        assert_eq!(proxies.client_address(&request("10.1.1.1", None)), "10.1.1.1");
        assert_eq!(proxies.client_address(&request("10.1.1.1", Some("garbage, 10.2.2.2"))), "10.2.2.2");
        assert!(TrustedProxies::parse(&["10.0.0.0/33".into()]).is_err());
    }
}
