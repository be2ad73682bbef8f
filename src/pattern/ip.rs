//! IP addresses and CIDR blocks, read the way event-ruler reads them.

use std::net::Ipv6Addr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Family {
    V4,
    V6,
}

impl Family {
    fn bits(self) -> u32 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }
}

/// Parses an IP address literal, or `None` when `s` is not one.
pub(super) fn parse(s: &str) -> Option<(Family, u128)> {
    if let Some(v4) = dotted_quad(s.as_bytes()) {
        return Some((Family::V4, v4.into()));
    }
    // event-ruler only takes hex digits and colons as IPv6 (no dotted tail, zone or brackets).
    if !s.contains(':') || !s.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
        return None;
    }
    let v6 = s.parse::<Ipv6Addr>().ok()?;
    // Java's InetAddress hands back IPv4-mapped addresses as the IPv4 address they map.
    Some(match v6.to_ipv4_mapped() {
        Some(v4) => (Family::V4, u32::from(v4).into()),
        None => (Family::V6, u128::from(v6)),
    })
}

/// IPv4 as `Ipv4Addr::from_str` reads it (a test checks they agree), without its cost, which
/// was more than the matching's: four decimal octets of at most 255 without leading zeros.
pub(super) fn dotted_quad(s: &[u8]) -> Option<u32> {
    if s.len() > 15 {
        return None;
    }
    let (mut address, mut octet, mut digits, mut dots) = (0u32, 0u32, 0usize, 0usize);
    for &b in s {
        match b {
            b'0'..=b'9' if digits < 3 && !(digits == 1 && octet == 0) => {
                octet = octet * 10 + u32::from(b - b'0');
                digits += 1;
            }
            b'.' if digits > 0 && octet <= 255 && dots < 3 => {
                address = address << 8 | octet;
                (octet, digits, dots) = (0, 0, dots + 1);
            }
            _ => return None,
        }
    }
    (dots == 3 && digits > 0 && octet <= 255).then_some(address << 8 | octet)
}

/// An inclusive range of addresses of one family.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct IpRange {
    family: Family,
    low: u128,
    high: u128,
}

impl IpRange {
    /// The single address `s`, when it is an IP address literal.
    pub(super) fn address(s: &str) -> Option<Self> {
        parse(s).map(|(family, addr)| IpRange { family, low: addr, high: addr })
    }

    /// A `cidr` operand such as `10.0.0.0/24`; the error says what is wrong with it.
    pub(super) fn cidr(s: &str) -> Result<Self, String> {
        let (addr, mask) = s.split_once('/').ok_or("Malformed CIDR, one '/' required")?;
        if mask.contains('/') {
            return Err("Malformed CIDR, one '/' required".into());
        }
        // Java's Integer.parseInt: an optional sign, then digits.
        let mask: i32 = mask.parse().map_err(|_| "Malformed CIDR, mask bits must be an integer")?;
        let mask = u32::try_from(mask).map_err(|_| "Malformed CIDR, mask bits must not be negative")?;
        let (family, low) = parse(addr).ok_or_else(|| format!("Invalid IP address: {addr}"))?;
        // event-ruler rejects full-length masks.
        match family {
            Family::V4 if mask > 31 => return Err("IPv4 mask bits must be < 32".into()),
            Family::V6 if mask > 127 => return Err("IPv6 mask bits must be < 128".into()),
            _ => {}
        }
        let host_bits = family.bits() - mask;
        let host_mask = 1u128.checked_shl(host_bits).map_or(u128::MAX, |bit| bit - 1);
        // event-ruler floors the address to its network: `10.0.0.5/24` is `10.0.0.0/24`.
        Ok(IpRange { family, low: low & !host_mask, high: low | host_mask })
    }

    /// Whether `s` is an address of this family inside the range.
    pub(super) fn contains(&self, s: &str) -> bool {
        parse(s).is_some_and(|(family, addr)| family == self.family && (self.low..=self.high).contains(&addr))
    }
}
