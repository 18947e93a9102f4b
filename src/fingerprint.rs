//! Content fingerprints: BLAKE3 hashes of inputs, which the build cache compares to
//! decide what to render again.

use std::cell::RefCell;
use std::fmt;

/// The BLAKE3 hash of some input.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint(*blake3::hash(bytes).as_bytes())
    }

    /// The fingerprint as 64 lowercase hex digits.
    pub fn to_hex(self) -> String {
        blake3::Hash::from_bytes(self.0).to_hex().to_string()
    }

    pub fn from_hex(hex: &str) -> Option<Fingerprint> {
        blake3::Hash::from_hex(hex)
            .ok()
            .map(|hash| Fingerprint(*hash.as_bytes()))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Fingerprint {
        Fingerprint(bytes)
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", &self.to_hex()[..16])
    }
}

/// Written as its 64 hex digits (the build cache's manifest).
impl serde::Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> serde::Deserialize<'de> for Fingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let hex = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Fingerprint::from_hex(&hex)
            .ok_or_else(|| serde::de::Error::custom("a fingerprint is 64 hex digits"))
    }
}

/// Builds a fingerprint from many parts. Each part is length-prefixed, so `("ab", "c")`
/// and `("a", "bc")` differ.
pub struct FingerprintHasher(blake3::Hasher);

impl Default for FingerprintHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl FingerprintHasher {
    pub fn new() -> Self {
        FingerprintHasher(blake3::Hasher::new())
    }

    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub fn fingerprint(&mut self, fingerprint: Fingerprint) -> &mut Self {
        self.0.update(&fingerprint.0);
        self
    }

    /// Hashes a value's `Debug` form, without building the string.
    pub fn debug(&mut self, value: &impl fmt::Debug) -> &mut Self {
        thread_local! {
            static BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(DEBUG_BUFFER));
        }
        let hash = |buffer: &mut Vec<u8>| {
            buffer.clear();
            let mut part = DebugHasher {
                hasher: blake3::Hasher::new(),
                buffer,
            };
            // Writing into a hasher cannot fail.
            let _ = fmt::write(&mut part, format_args!("{value:?}"));
            part.hasher.update(part.buffer);
            part.hasher.finalize()
        };
        // A `Debug` that hashed another value's would find the buffer taken.
        let part = BUFFER.with(|buffer| match buffer.try_borrow_mut() {
            Ok(mut buffer) => hash(&mut buffer),
            Err(_) => hash(&mut Vec::with_capacity(DEBUG_BUFFER)),
        });
        self.0.update(part.as_bytes());
        self
    }

    pub fn finish(&self) -> Fingerprint {
        Fingerprint(*self.0.finalize().as_bytes())
    }
}

/// `Debug` output comes in many small pieces; hashing them in larger blocks is faster.
/// Each thread keeps one block and fills it again for every value: most keys hash a short
/// value, and a new buffer per call (on the heap, or zeroed on the stack) cost more than
/// the hashing.
const DEBUG_BUFFER: usize = 4 * 1024;

struct DebugHasher<'b> {
    hasher: blake3::Hasher,
    buffer: &'b mut Vec<u8>,
}

impl fmt::Write for DebugHasher<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let bytes = s.as_bytes();
        if self.buffer.len() + bytes.len() > DEBUG_BUFFER {
            self.hasher.update(self.buffer);
            self.buffer.clear();
        }
        if bytes.len() > DEBUG_BUFFER {
            self.hasher.update(bytes);
        } else {
            self.buffer.extend_from_slice(bytes);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited() {
        let ab_c = FingerprintHasher::new().str("ab").str("c").finish();
        let a_bc = FingerprintHasher::new().str("a").str("bc").finish();
        assert_ne!(ab_c, a_bc);
    }

    #[test]
    fn a_debug_part_is_the_hash_of_its_debug_text_however_long() {
        for value in ["short".to_string(), "x".repeat(3 * DEBUG_BUFFER + 17)] {
            let text = format!("{value:?}");
            let direct = FingerprintHasher::new()
                .fingerprint(Fingerprint::of(text.as_bytes()))
                .finish();
            let streamed = FingerprintHasher::new().debug(&value).finish();
            assert_eq!(streamed, direct, "{} bytes", text.len());
        }
        let many_pieces: Vec<u32> = (0..5000).collect();
        assert_eq!(
            FingerprintHasher::new().debug(&many_pieces).finish(),
            FingerprintHasher::new()
                .fingerprint(Fingerprint::of(format!("{many_pieces:?}").as_bytes()))
                .finish()
        );
    }

    #[test]
    fn hex_round_trips() {
        let fingerprint = Fingerprint::of(b"flashpoint");
        assert_eq!(
            Fingerprint::from_hex(&fingerprint.to_hex()),
            Some(fingerprint)
        );
        assert_eq!(Fingerprint::from_hex("not hex"), None);
    }
}
