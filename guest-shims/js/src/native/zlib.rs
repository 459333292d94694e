//! gzip / zlib / raw deflate for the `zlib` module (flate2 over miniz_oxide, pure Rust).

use std::io::{Read, Write};

use flate2::read::{DeflateDecoder, GzDecoder, ZlibDecoder};
use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
use flate2::Compression;
use rquickjs::{Ctx, Exception, Function, Object, Result, TypedArray, Value};

use super::{bytes_of, to_array};

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("zlibCompress", Function::new(ctx.clone(), compress_js)?)?;
    native.set("zlibDecompress", Function::new(ctx.clone(), decompress_js)?)?;
    Ok(())
}

/// `format`: "gzip", "deflate" (zlib wrapper) or "raw"; `level` 0-9, or -1 for the default.
pub fn compress(format: &str, data: &[u8], level: i32) -> std::io::Result<Vec<u8>> {
    let level = if (0..=9).contains(&level) {
        Compression::new(level as u32)
    } else {
        Compression::default()
    };
    match format {
        "gzip" => {
            let mut e = GzEncoder::new(Vec::new(), level);
            e.write_all(data)?;
            e.finish()
        }
        "deflate" => {
            let mut e = ZlibEncoder::new(Vec::new(), level);
            e.write_all(data)?;
            e.finish()
        }
        _ => {
            let mut e = DeflateEncoder::new(Vec::new(), level);
            e.write_all(data)?;
            e.finish()
        }
    }
}

/// `format`: "gzip", "deflate", "raw", or "unzip" (gzip or zlib, detected).
pub fn decompress(format: &str, data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let format = match format {
        "unzip" if data.starts_with(&[0x1f, 0x8b]) => "gzip",
        "unzip" => "deflate",
        f => f,
    };
    match format {
        "gzip" => GzDecoder::new(data).read_to_end(&mut out)?,
        "deflate" => ZlibDecoder::new(data).read_to_end(&mut out)?,
        _ => DeflateDecoder::new(data).read_to_end(&mut out)?,
    };
    Ok(out)
}

fn compress_js<'js>(
    ctx: Ctx<'js>,
    format: String,
    data: Value<'js>,
    level: i32,
) -> Result<TypedArray<'js, u8>> {
    let data = bytes_of(&ctx, &data)?;
    let out = compress(&format, &data, level)
        .map_err(|e| Exception::throw_message(&ctx, &e.to_string()))?;
    to_array(&ctx, out)
}

fn decompress_js<'js>(
    ctx: Ctx<'js>,
    format: String,
    data: Value<'js>,
) -> Result<TypedArray<'js, u8>> {
    let data = bytes_of(&ctx, &data)?;
    // Node reports corrupt input as Z_DATA_ERROR; the JS side adds the code.
    let out = decompress(&format, &data)
        .map_err(|_| Exception::throw_message(&ctx, "incorrect header check"))?;
    to_array(&ctx, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_round_trips() {
        let data = b"hello hello hello hello".repeat(20);
        for format in ["gzip", "deflate", "raw"] {
            let packed = compress(format, &data, -1).unwrap();
            assert!(packed.len() < data.len(), "{format}");
            assert_eq!(decompress(format, &packed).unwrap(), data, "{format}");
        }
        let gz = compress("gzip", b"x", 9).unwrap();
        assert_eq!(&gz[..2], &[0x1f, 0x8b]);
        assert_eq!(decompress("unzip", &gz).unwrap(), b"x");
        assert!(decompress("gzip", b"not gzip").is_err());
    }
}
