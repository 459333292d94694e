//! Byte ⇄ text encodings used by `Buffer`, `TextEncoder`/`TextDecoder`, `atob`/`btoa`.
//! Decoding is lenient the way Node's is: it never throws on bad input.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use rquickjs::{Ctx, Function, Object, Result, TypedArray, Value};

use super::{bytes_of, to_array};

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("utf8Encode", Function::new(ctx.clone(), utf8_encode)?)?;
    native.set("utf8Decode", Function::new(ctx.clone(), utf8_decode)?)?;
    native.set("base64Encode", Function::new(ctx.clone(), base64_encode)?)?;
    native.set("base64Decode", Function::new(ctx.clone(), base64_decode)?)?;
    native.set("hexEncode", Function::new(ctx.clone(), hex_encode)?)?;
    native.set("hexDecode", Function::new(ctx.clone(), hex_decode)?)?;
    Ok(())
}

fn utf8_encode(ctx: Ctx<'_>, text: String) -> Result<TypedArray<'_, u8>> {
    to_array(&ctx, text.into_bytes())
}

fn utf8_decode<'js>(ctx: Ctx<'js>, data: Value<'js>) -> Result<String> {
    Ok(String::from_utf8_lossy(&bytes_of(&ctx, &data)?).into_owned())
}

fn base64_encode<'js>(ctx: Ctx<'js>, data: Value<'js>, url: Option<bool>) -> Result<String> {
    let bytes = bytes_of(&ctx, &data)?;
    Ok(if url.unwrap_or(false) {
        URL_SAFE_NO_PAD.encode(bytes)
    } else {
        STANDARD.encode(bytes)
    })
}

fn base64_decode(ctx: Ctx<'_>, text: String) -> Result<TypedArray<'_, u8>> {
    to_array(&ctx, decode_base64_lenient(&text))
}

fn hex_encode<'js>(ctx: Ctx<'js>, data: Value<'js>) -> Result<String> {
    Ok(bytes_of(&ctx, &data)?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn hex_decode(ctx: Ctx<'_>, text: String) -> Result<TypedArray<'_, u8>> {
    to_array(&ctx, decode_hex_lenient(&text))
}

/// Node accepts both alphabets, skips whitespace and stops at the first `=` or invalid character.
pub fn decode_base64_lenient(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => break,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Node decodes hex pairs until the first pair that is not hex.
pub fn decode_hex_lenient(text: &str) -> Vec<u8> {
    let digits = text.as_bytes();
    let mut out = Vec::with_capacity(digits.len() / 2);
    for pair in digits.chunks_exact(2) {
        let hi = (pair[0] as char).to_digit(16);
        let lo = (pair[1] as char).to_digit(16);
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decoding_is_lenient_like_node() {
        assert_eq!(decode_base64_lenient("aGVsbG8="), b"hello");
        assert_eq!(decode_base64_lenient("aGVsbG8"), b"hello");
        assert_eq!(decode_base64_lenient("aGVs\nbG8"), b"hello");
        assert_eq!(decode_base64_lenient("-_8"), [0xfb, 0xff]);
        assert_eq!(decode_base64_lenient("aGk*garbage"), b"hi");
    }

    #[test]
    fn hex_decoding_stops_at_the_first_bad_pair() {
        assert_eq!(decode_hex_lenient("00ff10"), [0, 255, 16]);
        assert_eq!(decode_hex_lenient("0a0zff"), [10]);
        assert_eq!(decode_hex_lenient("abc"), [0xab]);
    }
}
