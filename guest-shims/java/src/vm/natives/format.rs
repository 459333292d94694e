//! Natives behind java.util.Formatter's %f / %e and Arrays.newArrayLike.
//!
//! Java formats a double by rounding its *shortest* decimal representation (the digits of
//! Double.toString) HALF_UP — so `%.3f` of 1.0005 is "1.001" where C's printf says "1.000".

use std::collections::HashMap;

use super::{reg, NativeFn};
use crate::vm::value::Value;

/// Shortest round-trip digits and decimal exponent: value = 0.d1d2d3... × 10^exp10.
fn shortest(d: f64) -> (bool, Vec<u8>, i32) {
    let s = format!("{:e}", d.abs());
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: Vec<u8> = m
        .bytes()
        .filter(|b| b.is_ascii_digit())
        .map(|b| b - b'0')
        .collect();
    let e: i32 = e.parse().unwrap_or(0);
    (d.is_sign_negative() && d != 0.0, digits, e + 1)
}

/// Rounds digit vector (value 0.d1d2.. × 10^exp) HALF_UP keeping `keep` digits.
fn round_half_up(digits: &mut Vec<u8>, exp: &mut i32, keep: i32) {
    if keep < 0 {
        digits.clear();
        return;
    }
    let keep = keep as usize;
    if digits.len() <= keep {
        return;
    }
    let up = digits[keep] >= 5;
    digits.truncate(keep);
    if up {
        let mut i = keep;
        loop {
            if i == 0 {
                digits.insert(0, 1);
                *exp += 1;
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
}

pub fn fixed(d: f64, precision: usize) -> String {
    let (neg, mut digits, mut exp) = shortest(d);
    if d == 0.0 {
        digits = vec![0];
        exp = 1;
    }
    let keep = exp + precision as i32;
    if keep < 0 {
        digits.clear();
    } else {
        round_half_up(&mut digits, &mut exp, keep);
    }
    let digit_at = |i: i32| -> u8 {
        // Digit at position i (0 = first digit of the 10^(exp-1) place).
        if i >= 0 && (i as usize) < digits.len() {
            digits[i as usize]
        } else {
            0
        }
    };
    let mut out = String::new();
    if neg && digits.iter().any(|&x| x != 0) {
        out.push('-');
    }
    if exp <= 0 {
        out.push('0');
    } else {
        for i in 0..exp {
            out.push((b'0' + digit_at(i)) as char);
        }
    }
    if precision > 0 {
        out.push('.');
        for k in 0..precision as i32 {
            out.push((b'0' + digit_at(exp + k)) as char);
        }
    }
    out
}

pub fn sci(d: f64, precision: usize) -> String {
    let (neg, mut digits, mut exp) = shortest(d);
    if d == 0.0 {
        digits = vec![0];
        exp = 1;
    }
    round_half_up(&mut digits, &mut exp, precision as i32 + 1);
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push((b'0' + digits.first().copied().unwrap_or(0)) as char);
    if precision > 0 {
        out.push('.');
        for k in 1..=precision {
            out.push((b'0' + digits.get(k).copied().unwrap_or(0)) as char);
        }
    }
    let e = if d == 0.0 { 0 } else { exp - 1 };
    out.push('e');
    out.push(if e < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", e.abs()));
    out
}

pub fn register(t: &mut HashMap<String, NativeFn>) {
    reg(
        t,
        "java/util/FormatterSupport.fixed(DI)Ljava/lang/String;",
        |vm, a| {
            Ok(Value::Ref(vm.new_string(&fixed(
                a[0].double(),
                a[1].int().max(0) as usize,
            ))))
        },
    );
    reg(
        t,
        "java/util/FormatterSupport.sci(DI)Ljava/lang/String;",
        |vm, a| {
            Ok(Value::Ref(vm.new_string(&sci(
                a[0].double(),
                a[1].int().max(0) as usize,
            ))))
        },
    );
    reg(
        t,
        "java/util/Arrays.newArrayLike([Ljava/lang/Object;I)[Ljava/lang/Object;",
        |vm, a| {
            let src = a[0].reference();
            if src == 0 {
                return Err(vm.vm_error("java/lang/NullPointerException", ""));
            }
            let len = a[1].int();
            if len < 0 {
                return Err(vm.vm_error("java/lang/NegativeArraySizeException", &len.to_string()));
            }
            let class = vm.class(vm.heap.get(src).class).name.to_string();
            Ok(Value::Ref(vm.new_array(&class, len as usize)?))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_rounds_shortest_digits_half_up() {
        assert_eq!(fixed(1.0005, 3), "1.001");
        assert_eq!(fixed(0.125, 2), "0.13");
        assert_eq!(fixed(3.14159, 2), "3.14");
        assert_eq!(fixed(-2.5, 3), "-2.500");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(0.05, 1), "0.1");
        assert_eq!(fixed(999.999, 2), "1000.00");
        assert_eq!(fixed(0.0, 2), "0.00");
        assert_eq!(fixed(1e-10, 3), "0.000");
        assert_eq!(fixed(123456789.0, 1), "123456789.0");
    }

    #[test]
    fn sci_matches_java() {
        assert_eq!(sci(12345.678, 6), "1.234568e+04");
        assert_eq!(sci(0.000123, 2), "1.23e-04");
        assert_eq!(sci(0.0, 2), "0.00e+00");
    }
}
