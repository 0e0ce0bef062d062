//! The binary form of a term's postings: for each field the term occurs
//! in, the documents it is found in, written the shortest of three ways.
//!
//! ```text
//! postings  = section*                      one per field with documents
//! section   = header:u8 length:varint payload
//! header    = field << 2 | encoding         field 0 title … 3 body
//! encoding 0: list   count:varint gap:varint*      gaps between ascending ids, the first from 0
//! encoding 1: bitmap byte*                         bit (id & 7) of byte (id >> 3), no trailing zero bytes
//! encoding 2: runs   count:varint (skip:varint length:varint)*
//!                    each run starts `skip` after the previous run's end (the first after 0)
//! varint    = LEB128: 7 bits a byte, low bits first, high bit set on all but the last
//! ```
//!
//! A document is listed under one field only, the heaviest it has the term
//! in: search.js scores a term by the best field it was found in.

/// Number of fields (title, facts, periods, body).
pub const FIELDS: usize = 4;

/// Appends `value` as a LEB128 varint.
pub fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

const LIST: u8 = 0;
const BITMAP: u8 = 1;
const RUNS: u8 = 2;

/// Appends the postings of one term: `lists[f]` are the ascending ids of
/// the documents whose best field for the term is `f`.
pub fn encode(lists: &[Vec<u32>; FIELDS], out: &mut Vec<u8>) {
    let mut payload = Vec::new();
    for (field, ids) in lists.iter().enumerate() {
        if ids.is_empty() {
            continue;
        }
        let encoding = shortest(ids, &mut payload);
        out.push(((field as u8) << 2) | encoding);
        varint(out, payload.len() as u64);
        out.extend_from_slice(&payload);
    }
}

/// Writes `ids` into `payload` in the shortest encoding and returns which.
fn shortest(ids: &[u32], payload: &mut Vec<u8>) -> u8 {
    let mut best = Vec::new();
    let mut best_encoding = LIST;
    list(ids, &mut best);
    let mut other = Vec::new();
    for (encoding, write) in [(BITMAP, bitmap as fn(&[u32], &mut Vec<u8>)), (RUNS, runs)] {
        other.clear();
        write(ids, &mut other);
        if other.len() < best.len() {
            std::mem::swap(&mut best, &mut other);
            best_encoding = encoding;
        }
    }
    payload.clear();
    payload.extend_from_slice(&best);
    best_encoding
}

fn list(ids: &[u32], out: &mut Vec<u8>) {
    varint(out, ids.len() as u64);
    let mut previous = 0u32;
    for (i, &id) in ids.iter().enumerate() {
        varint(out, u64::from(if i == 0 { id } else { id - previous }));
        previous = id;
    }
}

fn bitmap(ids: &[u32], out: &mut Vec<u8>) {
    let Some(&last) = ids.last() else { return };
    out.resize(last as usize / 8 + 1, 0);
    for &id in ids {
        out[id as usize / 8] |= 1 << (id % 8);
    }
}

fn runs(ids: &[u32], out: &mut Vec<u8>) {
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for &id in ids {
        match spans.last_mut() {
            Some((start, len)) if *start + *len == id => *len += 1,
            _ => spans.push((id, 1)),
        }
    }
    varint(out, spans.len() as u64);
    let mut end = 0u32;
    for (start, len) in spans {
        varint(out, u64::from(start - end));
        varint(out, u64::from(len));
        end = start + len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads postings back (what search.js does), for the tests.
    pub(crate) fn decode(mut bytes: &[u8]) -> [Vec<u32>; FIELDS] {
        fn read(bytes: &mut &[u8]) -> u64 {
            let (mut value, mut shift) = (0u64, 0);
            loop {
                let b = bytes[0];
                *bytes = &bytes[1..];
                value |= u64::from(b & 0x7f) << shift;
                if b < 0x80 {
                    return value;
                }
                shift += 7;
            }
        }
        let mut lists: [Vec<u32>; FIELDS] = Default::default();
        while !bytes.is_empty() {
            let header = bytes[0];
            bytes = &bytes[1..];
            let len = read(&mut bytes) as usize;
            let (mut payload, rest) = bytes.split_at(len);
            bytes = rest;
            let ids = &mut lists[usize::from(header >> 2)];
            match header & 3 {
                LIST => {
                    let mut id = 0u32;
                    for i in 0..read(&mut payload) {
                        let gap = read(&mut payload) as u32;
                        id = if i == 0 { gap } else { id + gap };
                        ids.push(id);
                    }
                }
                BITMAP => {
                    for (i, b) in payload.iter().enumerate() {
                        ids.extend((0..8).filter(|bit| b & (1 << bit) != 0).map(|bit| i as u32 * 8 + bit));
                    }
                }
                _ => {
                    let mut end = 0u32;
                    for _ in 0..read(&mut payload) {
                        let start = end + read(&mut payload) as u32;
                        let len = read(&mut payload) as u32;
                        ids.extend(start..start + len);
                        end = start + len;
                    }
                }
            }
        }
        lists
    }

    #[test]
    fn every_encoding_reads_back() {
        let sparse = vec![3, 900, 70_000];
        let dense: Vec<u32> = (0..5000).filter(|i| i % 3 != 0).collect();
        let ranges: Vec<u32> = (100..2100).chain(5000..9000).collect();
        let lists = [sparse, dense, Vec::new(), ranges];
        let mut out = Vec::new();
        encode(&lists, &mut out);
        assert_eq!(decode(&out), lists);
        // The ranges are two runs, the dense list a bitmap.
        let headers: Vec<u8> = {
            let mut h = Vec::new();
            let mut rest = out.as_slice();
            while !rest.is_empty() {
                h.push(rest[0]);
                let mut len = 0usize;
                let mut shift = 0;
                let mut i = 1;
                loop {
                    len |= usize::from(rest[i] & 0x7f) << shift;
                    i += 1;
                    if rest[i - 1] < 0x80 {
                        break;
                    }
                    shift += 7;
                }
                rest = &rest[i + len..];
            }
            h
        };
        assert_eq!(headers, [LIST, (1 << 2) | BITMAP, (3 << 2) | RUNS]);
    }

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        varint(&mut out, 0);
        varint(&mut out, 127);
        varint(&mut out, 300);
        assert_eq!(out, [0, 127, 0xac, 0x02]);
    }
}
