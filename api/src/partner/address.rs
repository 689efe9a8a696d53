//! The client address a request counts against: the TCP peer, unless the
//! peer is a trusted proxy (`trusted_proxies`), in which case the nearest
//! address in `X-Forwarded-For` that is not itself a trusted proxy. Only
//! addresses the trusted proxies appended are believed: reading the header
//! from the right stops a client from choosing its own address by sending
//! one. An IPv6 client is counted by its /64, the block one subscriber gets,
//! so rotating through its own addresses does not multiply its quota.

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

    /// True when the request came straight from a trusted proxy, so its
    /// forwarded headers may be believed.
    pub fn trusts_peer(&self, req: &HttpRequest) -> bool {
        req.peer_addr().is_some_and(|peer| self.trusts(&peer.ip()))
    }

    fn trusts(&self, address: &IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(address))
    }

    pub fn client_address(&self, req: &HttpRequest) -> String {
        let Some(peer) = req.peer_addr().map(|a| a.ip()) else { return "unknown".to_owned() };
        counted(self.client_ip(req, peer))
    }

    fn client_ip(&self, req: &HttpRequest, peer: IpAddr) -> IpAddr {
        if !self.trusts(&peer) {
            return peer;
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
            match parse_hop(hop) {
                Some(address) => {
                    client = address;
                    if !self.trusts(&address) {
                        break;
                    }
                }
                // An entry that is not an address ends what can be believed.
                None => break,
            }
        }
        client
    }
}

/// A forwarded hop as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `::1`, `[::1]` or `[::1]:80`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| hop.strip_prefix('[')?.strip_suffix(']')?.parse().ok())
}

/// How an address is counted: IPv4 as is, IPv6 by its /64.
fn counted(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                format!("{}/64", std::net::Ipv6Addr::from(prefix))
            }
        },
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
        assert_eq!(proxies.client_address(&request("10.1.1.1", Some("198.51.100.7:5123"))), "198.51.100.7");
        assert_eq!(proxies.client_address(&request("10.1.1.1", Some("[2001:db8:1:2:3::9]:443"))), "2001:db8:1:2::/64");
        assert!(TrustedProxies::parse(&["10.0.0.0/33".into()]).is_err());
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_slash_64() {
        let none = TrustedProxies::default();
        let a = none.client_address(&request("[2001:db8:aa:bb:1::1]", None));
        let b = none.client_address(&request("[2001:db8:aa:bb:ffff::2]", None));
        assert_eq!((a.as_str(), b.as_str()), ("2001:db8:aa:bb::/64", "2001:db8:aa:bb::/64"));
        assert_eq!(none.client_address(&request("[::ffff:198.51.100.7]", None)), "198.51.100.7");
    }
}
