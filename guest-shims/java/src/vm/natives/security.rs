//! Natives for randomness and digests: the seed of unseeded `Random`s, `SecureRandom`'s bytes
//! (both from the sandbox's random source: WASI random, seeded by the host under
//! `--deterministic`) and `MessageDigest`.

use std::collections::HashMap;

use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

use super::{byte_array, new_byte_array, reg, NativeFn};
use crate::vm::heap::Array;
use crate::vm::value::Value;
use crate::vm::{JResult, Vm};

pub fn register(t: &mut HashMap<String, NativeFn>) {
    reg(t, "java/util/Random.randomSeed0()J", random_seed);
    reg(
        t,
        "java/util/concurrent/ThreadLocalRandom.randomSeed0()J",
        random_seed,
    );
    reg(t, "java/security/SecureRandom.fill0([B)V", |vm, a| {
        let r = a[0].reference();
        let len = match vm.array(r) {
            Some(arr) => arr.len(),
            None => return Err(vm.vm_error("java/lang/NullPointerException", "")),
        };
        let bytes = random_bytes(vm, len)?;
        if let Some(Array::Byte(v)) = vm.array_mut(r) {
            for (d, s) in v.iter_mut().zip(bytes) {
                *d = s as i8;
            }
        }
        Ok(Value::Top)
    });
    reg(
        t,
        "java/security/MessageDigest.digest0(Ljava/lang/String;[B)[B",
        |vm, a| {
            let algorithm = vm.rust_string(a[0].reference()).unwrap_or_default();
            let data = byte_array(vm, a[1].reference())?;
            let out = digest(&algorithm, &data);
            Ok(Value::Ref(new_byte_array(vm, &out)?))
        },
    );
}

fn random_bytes(vm: &mut Vm, len: usize) -> JResult<Vec<u8>> {
    let mut bytes = vec![0u8; len];
    getrandom::fill(&mut bytes).map_err(|e| {
        vm.vm_error(
            "java/lang/InternalError",
            &format!("the sandbox's random source failed: {e}"),
        )
    })?;
    Ok(bytes)
}

fn random_seed(vm: &mut Vm, _: &[Value]) -> JResult<Value> {
    let b = random_bytes(vm, 8)?;
    Ok(Value::Long(i64::from_le_bytes(b.try_into().unwrap())))
}

/// `algorithm` is MessageDigest's canonical name (validated on the Java side).
fn digest(algorithm: &str, data: &[u8]) -> Vec<u8> {
    match algorithm {
        "MD5" => Md5::digest(data).to_vec(),
        "SHA-1" => Sha1::digest(data).to_vec(),
        "SHA-224" => Sha224::digest(data).to_vec(),
        "SHA-256" => Sha256::digest(data).to_vec(),
        "SHA-384" => Sha384::digest(data).to_vec(),
        _ => Sha512::digest(data).to_vec(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digests_match_known_vectors() {
        let hex = |b: Vec<u8>| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(super::digest("MD5", b"abc")),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            hex(super::digest("SHA-256", b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
