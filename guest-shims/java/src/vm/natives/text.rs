//! Natives of java.lang.String and StringBuilder (UTF-16 payloads held by the VM).

use std::collections::HashMap;
use std::rc::Rc;

use super::{reg, NativeFn};
use crate::vm::heap::{Array, Native};
use crate::vm::value::{Ref, Value, NULL};
use crate::vm::{JResult, Throw, Vm};

fn units(vm: &Vm, r: Ref) -> Rc<[u16]> {
    vm.str_units(r).unwrap_or_else(|| Rc::from(Vec::new()))
}

fn arg_str(vm: &mut Vm, r: Ref) -> JResult<Rc<[u16]>> {
    vm.expect_string(r)
}

fn new_str(vm: &mut Vm, v: Vec<u16>) -> Value {
    Value::Ref(vm.new_string_utf16(v.into()))
}

fn sioobe(vm: &mut Vm, msg: String) -> Throw {
    vm.vm_error("java/lang/StringIndexOutOfBoundsException", &msg)
}

fn find(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return Some(from.min(hay.len()));
    }
    if from >= hay.len() {
        return None;
    }
    (from..=hay.len().saturating_sub(needle.len())).find(|&i| hay[i..].starts_with(needle))
}

pub fn java_hash(s: &[u16]) -> i32 {
    s.iter()
        .fold(0i32, |h, &c| h.wrapping_mul(31).wrapping_add(c as i32))
}

fn builder(vm: &mut Vm, r: Ref) -> &mut Vec<u16> {
    let obj = vm.heap.get_mut(r);
    if !matches!(obj.native, Native::Builder(_)) {
        obj.native = Native::Builder(Vec::new());
    }
    match &mut obj.native {
        Native::Builder(b) => b,
        _ => unreachable!(),
    }
}

fn char_array(vm: &mut Vm, r: Ref) -> JResult<Vec<u16>> {
    match vm.array(r) {
        Some(Array::Char(v)) => Ok(v.clone()),
        _ => Err(vm.vm_error("java/lang/NullPointerException", "")),
    }
}

fn case_map(s: &[u16], upper: bool) -> Vec<u16> {
    let text = String::from_utf16_lossy(s);
    let mapped = if upper {
        text.to_uppercase()
    } else {
        text.to_lowercase()
    };
    mapped.encode_utf16().collect()
}

pub fn register(t: &mut HashMap<String, NativeFn>) {
    const S: &str = "java/lang/String.";
    let mut r = |k: &str, f: NativeFn| reg(t, &format!("{S}{k}"), f);
    r("length()I", |vm, a| {
        Ok(Value::Int(units(vm, a[0].reference()).len() as i32))
    });
    r("charAt(I)C", |vm, a| {
        let s = units(vm, a[0].reference());
        let i = a[1].int();
        match s.get(i as usize).filter(|_| i >= 0) {
            Some(&c) => Ok(Value::Int(c as i32)),
            None => {
                let msg = format!("Index {i} out of bounds for length {}", s.len());
                Err(sioobe(vm, msg))
            }
        }
    });
    r("equals(Ljava/lang/Object;)Z", |vm, a| {
        let (x, y) = (a[0].reference(), a[1].reference());
        let eq =
            x == y || matches!((vm.str_units(x), vm.str_units(y)), (Some(p), Some(q)) if p == q);
        Ok(Value::Int(eq as i32))
    });
    r("hashCode()I", |vm, a| {
        Ok(Value::Int(java_hash(&units(vm, a[0].reference()))))
    });
    r("compareTo(Ljava/lang/String;)I", |vm, a| {
        let x = units(vm, a[0].reference());
        let y = arg_str(vm, a[1].reference())?;
        for (p, q) in x.iter().zip(y.iter()) {
            if p != q {
                return Ok(Value::Int(*p as i32 - *q as i32));
            }
        }
        Ok(Value::Int(x.len() as i32 - y.len() as i32))
    });
    r("substring(II)Ljava/lang/String;", |vm, a| {
        let s = units(vm, a[0].reference());
        let (b, e) = (a[1].int(), a[2].int());
        if b < 0 || e > s.len() as i32 || b > e {
            let msg = format!("begin {b}, end {e}, length {}", s.len());
            return Err(sioobe(vm, msg));
        }
        if b == 0 && e as usize == s.len() {
            return Ok(a[0]);
        }
        Ok(new_str(vm, s[b as usize..e as usize].to_vec()))
    });
    r("indexOf(Ljava/lang/String;I)I", |vm, a| {
        let s = units(vm, a[0].reference());
        let n = arg_str(vm, a[1].reference())?;
        let from = a[2].int().max(0) as usize;
        Ok(Value::Int(
            find(&s, &n, from).map(|i| i as i32).unwrap_or(-1),
        ))
    });
    r("indexOf(II)I", |vm, a| {
        let s = units(vm, a[0].reference());
        let needle: Vec<u16> = match char::from_u32(a[1].int() as u32) {
            Some(c) => c.encode_utf16(&mut [0; 2]).to_vec(),
            None => vec![a[1].int() as u16],
        };
        let from = a[2].int().max(0) as usize;
        Ok(Value::Int(
            find(&s, &needle, from).map(|i| i as i32).unwrap_or(-1),
        ))
    });
    r("lastIndexOf(Ljava/lang/String;I)I", |vm, a| {
        let s = units(vm, a[0].reference());
        let n = arg_str(vm, a[1].reference())?;
        let from = a[2].int();
        if from < 0 {
            return Ok(Value::Int(-1));
        }
        let start = (from as usize).min(s.len().saturating_sub(n.len()));
        if n.len() > s.len() {
            return Ok(Value::Int(-1));
        }
        Ok(Value::Int(
            (0..=start)
                .rev()
                .find(|&i| s[i..].starts_with(&n))
                .map(|i| i as i32)
                .unwrap_or(-1),
        ))
    });
    r("toUpperCase()Ljava/lang/String;", |vm, a| {
        let s = units(vm, a[0].reference());
        Ok(new_str(vm, case_map(&s, true)))
    });
    r("toLowerCase()Ljava/lang/String;", |vm, a| {
        let s = units(vm, a[0].reference());
        Ok(new_str(vm, case_map(&s, false)))
    });
    r("intern()Ljava/lang/String;", |vm, a| {
        let s = units(vm, a[0].reference());
        Ok(Value::Ref(vm.intern(s)))
    });
    r("toCharArray()[C", |vm, a| {
        let s = units(vm, a[0].reference());
        let arr = vm.new_array("[C", s.len())?;
        if let Some(Array::Char(v)) = vm.array_mut(arr) {
            v.copy_from_slice(&s);
        }
        Ok(Value::Ref(arr))
    });
    r("getBytes()[B", string_utf8_bytes);
    r("getBytesUtf8()[B", string_utf8_bytes);
    r("concat(Ljava/lang/String;)Ljava/lang/String;", |vm, a| {
        let mut s = units(vm, a[0].reference()).to_vec();
        let o = arg_str(vm, a[1].reference())?;
        if o.is_empty() {
            return Ok(a[0]);
        }
        s.extend_from_slice(&o);
        Ok(new_str(vm, s))
    });
    r("initEmpty()V", |vm, a| {
        vm.heap.get_mut(a[0].reference()).native = Native::Str(Rc::from(Vec::new()));
        Ok(Value::Top)
    });
    r("initCopy(Ljava/lang/String;)V", |vm, a| {
        let s = arg_str(vm, a[1].reference())?;
        vm.heap.get_mut(a[0].reference()).native = Native::Str(s);
        Ok(Value::Top)
    });
    r("initChars([CII)V", |vm, a| {
        let chars = char_array(vm, a[1].reference())?;
        let (off, n) = (a[2].int(), a[3].int());
        if off < 0 || n < 0 || off as usize + n as usize > chars.len() {
            let msg = format!("offset {off}, count {n}, length {}", chars.len());
            return Err(sioobe(vm, msg));
        }
        let s: Rc<[u16]> = chars[off as usize..(off + n) as usize].into();
        vm.heap.get_mut(a[0].reference()).native = Native::Str(s);
        Ok(Value::Top)
    });
    r("initUtf8([BII)V", |vm, a| {
        let bytes: Vec<u8> = match vm.array(a[1].reference()) {
            Some(Array::Byte(v)) => v.iter().map(|&b| b as u8).collect(),
            _ => return Err(vm.vm_error("java/lang/NullPointerException", "")),
        };
        let (off, n) = (a[2].int(), a[3].int());
        if off < 0 || n < 0 || off as usize + n as usize > bytes.len() {
            let msg = format!("offset {off}, count {n}, length {}", bytes.len());
            return Err(sioobe(vm, msg));
        }
        let s: Rc<[u16]> = decode_utf8(&bytes[off as usize..(off + n) as usize]).into();
        vm.heap.get_mut(a[0].reference()).native = Native::Str(s);
        Ok(Value::Top)
    });
    r("initLatin1([BII)V", |vm, a| {
        let bytes: Vec<u16> = match vm.array(a[1].reference()) {
            Some(Array::Byte(v)) => v.iter().map(|&b| b as u8 as u16).collect(),
            _ => return Err(vm.vm_error("java/lang/NullPointerException", "")),
        };
        let (off, n) = (a[2].int() as usize, a[3].int() as usize);
        let s: Rc<[u16]> = bytes.get(off..off + n).unwrap_or(&[]).into();
        vm.heap.get_mut(a[0].reference()).native = Native::Str(s);
        Ok(Value::Top)
    });

    const B: &str = "java/lang/AbstractStringBuilder.";
    let mut b = |k: &str, f: NativeFn| reg(t, &format!("{B}{k}"), f);
    b("append0(Ljava/lang/String;)V", |vm, a| {
        let s = vm.str_units(a[1].reference());
        let s = s.unwrap_or_else(|| "null".encode_utf16().collect::<Vec<_>>().into());
        builder(vm, a[0].reference()).extend_from_slice(&s);
        Ok(Value::Top)
    });
    b("appendChar0(C)V", |vm, a| {
        builder(vm, a[0].reference()).push(a[1].int() as u16);
        Ok(Value::Top)
    });
    b("appendChars0([CII)V", |vm, a| {
        let chars = char_array(vm, a[1].reference())?;
        let (off, n) = (a[2].int() as usize, a[3].int() as usize);
        let part = chars.get(off..off + n).unwrap_or(&[]).to_vec();
        builder(vm, a[0].reference()).extend_from_slice(&part);
        Ok(Value::Top)
    });
    b("length()I", |vm, a| {
        Ok(Value::Int(builder(vm, a[0].reference()).len() as i32))
    });
    b("charAt0(I)C", |vm, a| {
        Ok(Value::Int(
            builder(vm, a[0].reference())[a[1].int() as usize] as i32,
        ))
    });
    b("setCharAt0(IC)V", |vm, a| {
        builder(vm, a[0].reference())[a[1].int() as usize] = a[2].int() as u16;
        Ok(Value::Top)
    });
    b("setLength0(I)V", |vm, a| {
        builder(vm, a[0].reference()).resize(a[1].int() as usize, 0);
        Ok(Value::Top)
    });
    b("replace0(IILjava/lang/String;)V", |vm, a| {
        let s = units(vm, a[3].reference());
        let (st, en) = (a[1].int() as usize, a[2].int() as usize);
        builder(vm, a[0].reference()).splice(st..en, s.iter().copied());
        Ok(Value::Top)
    });
    b("reverse0()V", |vm, a| {
        let buf = builder(vm, a[0].reference());
        // Reverse by code points so surrogate pairs stay in order.
        let text: Vec<u16> = {
            let s = String::from_utf16_lossy(buf);
            s.chars().rev().collect::<String>().encode_utf16().collect()
        };
        *buf = text;
        Ok(Value::Top)
    });
    b("toString()Ljava/lang/String;", |vm, a| {
        let s = builder(vm, a[0].reference()).clone();
        Ok(new_str(vm, s))
    });
    b("substring0(II)Ljava/lang/String;", |vm, a| {
        let s = builder(vm, a[0].reference())[a[1].int() as usize..a[2].int() as usize].to_vec();
        Ok(new_str(vm, s))
    });
    let _ = NULL;
}

fn string_utf8_bytes(vm: &mut Vm, a: &[Value]) -> JResult<Value> {
    let s = units(vm, a[0].reference());
    let bytes = String::from_utf16_lossy(&s).into_bytes();
    let arr = vm.new_array("[B", bytes.len())?;
    if let Some(Array::Byte(v)) = vm.array_mut(arr) {
        for (d, b) in v.iter_mut().zip(bytes) {
            *d = b as i8;
        }
    }
    Ok(Value::Ref(arr))
}

/// UTF-8 to UTF-16 with the JDK's replacement rules: one U+FFFD per maximal invalid subpart
/// (as `from_utf8_lossy`), except that an encoded surrogate (`ED A0..BF xx`) is one malformed
/// sequence of three bytes, as the JDK's decoder sees it.
pub fn decode_utf8(mut bytes: &[u8]) -> Vec<u16> {
    let mut out = Vec::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                out.extend(s.encode_utf16());
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.extend(std::str::from_utf8(&bytes[..good]).unwrap().encode_utf16());
                out.push(0xfffd);
                let rest = &bytes[good..];
                let skip = match rest {
                    [0xed, 0xa0..=0xbf, c, ..] if c & 0xc0 == 0x80 => 3,
                    _ => match e.error_len() {
                        Some(n) => n,
                        None => rest.len(),
                    },
                };
                bytes = &rest[skip..];
            }
        }
    }
}

#[cfg(test)]
mod utf8_tests {
    #[test]
    fn malformed_utf8_is_replaced_as_the_jdk_does() {
        let d = |b: &[u8]| String::from_utf16(&super::decode_utf8(b)).unwrap();
        assert_eq!(d(b"ok\xff"), "ok\u{fffd}");
        assert_eq!(d(b"\xe2\x82"), "\u{fffd}");
        assert_eq!(d(b"\xe2xy"), "\u{fffd}xy");
        assert_eq!(d(b"\xed\xa0\x80z"), "\u{fffd}z");
        assert_eq!(d("h\u{e9}".as_bytes()), "h\u{e9}");
    }
}
