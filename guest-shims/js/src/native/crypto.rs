//! Digests, HMACs and random bytes for the `crypto` module.

use hmac::{Hmac, Mac};
use md5::Md5;
use rquickjs::{Ctx, Exception, Function, Object, Result, TypedArray, Value};
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

use super::{bytes_of, to_array};

pub fn install<'js>(ctx: &Ctx<'js>, native: &Object<'js>) -> Result<()> {
    native.set("hash", Function::new(ctx.clone(), hash)?)?;
    native.set("hmac", Function::new(ctx.clone(), hmac)?)?;
    native.set("randomBytes", Function::new(ctx.clone(), random_bytes)?)?;
    native.set("pbkdf2", Function::new(ctx.clone(), pbkdf2_js)?)?;
    Ok(())
}

/// Digest of `data` with a Node algorithm name (`sha256`, `SHA-256`, `md5`, ...).
pub fn digest(algorithm: &str, data: &[u8]) -> Option<Vec<u8>> {
    Some(match normalize(algorithm).as_str() {
        "md5" => Md5::digest(data).to_vec(),
        "sha1" => Sha1::digest(data).to_vec(),
        "sha224" => Sha224::digest(data).to_vec(),
        "sha256" => Sha256::digest(data).to_vec(),
        "sha384" => Sha384::digest(data).to_vec(),
        "sha512" => Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

pub fn mac(algorithm: &str, key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    fn run<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
        let mut m = <M as hmac::digest::KeyInit>::new_from_slice(key).expect("HMAC takes any key");
        m.update(data);
        m.finalize().into_bytes().to_vec()
    }
    Some(match normalize(algorithm).as_str() {
        "md5" => run::<Hmac<Md5>>(key, data),
        "sha1" => run::<Hmac<Sha1>>(key, data),
        "sha224" => run::<Hmac<Sha224>>(key, data),
        "sha256" => run::<Hmac<Sha256>>(key, data),
        "sha384" => run::<Hmac<Sha384>>(key, data),
        "sha512" => run::<Hmac<Sha512>>(key, data),
        _ => return None,
    })
}

/// PBKDF2 (RFC 8018) with HMAC-`algorithm`.
pub fn pbkdf2(
    algorithm: &str,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(len);
    let mut block = 1u32;
    while out.len() < len {
        let mut first = salt.to_vec();
        first.extend_from_slice(&block.to_be_bytes());
        let mut u = mac(algorithm, password, &first)?;
        let mut t = u.clone();
        for _ in 1..iterations {
            u = mac(algorithm, password, &u)?;
            t.iter_mut().zip(&u).for_each(|(a, b)| *a ^= b);
        }
        out.extend_from_slice(&t);
        block += 1;
    }
    out.truncate(len);
    Some(out)
}

fn normalize(algorithm: &str) -> String {
    algorithm.to_ascii_lowercase().replace('-', "")
}

fn hash<'js>(ctx: Ctx<'js>, algorithm: String, data: Value<'js>) -> Result<TypedArray<'js, u8>> {
    let data = bytes_of(&ctx, &data)?;
    match digest(&algorithm, &data) {
        Some(d) => to_array(&ctx, d),
        None => Err(Exception::throw_message(
            &ctx,
            "Digest method not supported",
        )),
    }
}

fn hmac<'js>(
    ctx: Ctx<'js>,
    algorithm: String,
    key: Value<'js>,
    data: Value<'js>,
) -> Result<TypedArray<'js, u8>> {
    let key = bytes_of(&ctx, &key)?;
    let data = bytes_of(&ctx, &data)?;
    match mac(&algorithm, &key, &data) {
        Some(d) => to_array(&ctx, d),
        None => Err(Exception::throw_message(
            &ctx,
            &format!("Invalid digest: {algorithm}"),
        )),
    }
}

fn pbkdf2_js<'js>(
    ctx: Ctx<'js>,
    algorithm: String,
    password: Value<'js>,
    salt: Value<'js>,
    iterations: u32,
    len: u32,
) -> Result<TypedArray<'js, u8>> {
    let password = bytes_of(&ctx, &password)?;
    let salt = bytes_of(&ctx, &salt)?;
    match pbkdf2(
        &algorithm,
        &password,
        &salt,
        iterations.max(1),
        len as usize,
    ) {
        Some(d) => to_array(&ctx, d),
        None => Err(Exception::throw_type(
            &ctx,
            &format!("Invalid digest: {algorithm}"),
        )),
    }
}

fn random_bytes(ctx: Ctx<'_>, len: f64) -> Result<TypedArray<'_, u8>> {
    let mut bytes = vec![0u8; len.max(0.0) as usize];
    getrandom::fill(&mut bytes)
        .map_err(|e| Exception::throw_message(&ctx, &format!("random source failed: {e}")))?;
    to_array(&ctx, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn digests_match_known_vectors() {
        assert_eq!(
            hex(&digest("md5", b"abc").unwrap()),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            hex(&digest("SHA-1", b"abc").unwrap()),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex(&digest("sha256", b"abc").unwrap()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(digest("whirlpool", b"abc").is_none());
    }

    #[test]
    fn pbkdf2_matches_rfc6070() {
        let out = pbkdf2("sha1", b"password", b"salt", 2, 20).unwrap();
        assert_eq!(hex(&out), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
        let out = pbkdf2(
            "sha1",
            b"passwordPASSWORDpassword",
            b"saltSALTsaltSALTsaltSALTsaltSALTsalt",
            4096,
            25,
        )
        .unwrap();
        assert_eq!(
            hex(&out),
            "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"
        );
    }

    #[test]
    fn hmac_matches_rfc4231_case_2() {
        let out = mac("sha256", b"Jefe", b"what do ya want for nothing?").unwrap();
        assert_eq!(
            hex(&out),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
