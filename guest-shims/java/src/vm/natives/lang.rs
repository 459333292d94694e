//! Natives of java.lang: Object, System, Class, Throwable, Math, the boxes, Character.

use std::collections::HashMap;

use super::numbers;
use super::{reg, NativeFn};
use crate::vm::heap::{Array, Native};
use crate::vm::value::{Ref, Value, NULL};
use crate::vm::{JResult, Throw, Vm};

fn this(args: &[Value]) -> Ref {
    args[0].reference()
}

pub fn register(t: &mut HashMap<String, NativeFn>) {
    // ---- Object
    reg(
        t,
        "java/lang/Object.getClass()Ljava/lang/Class;",
        |vm, a| {
            let c = vm.heap.get(this(a)).class;
            Ok(Value::Ref(vm.mirror(c)?))
        },
    );
    reg(t, "java/lang/Object.hashCode()I", |vm, a| {
        Ok(Value::Int(vm.heap.get(this(a)).hash))
    });
    reg(
        t,
        "java/lang/Object.clone()Ljava/lang/Object;",
        object_clone,
    );
    reg(t, "java/lang/Object.notify()V", |_, _| Ok(Value::Top));
    reg(t, "java/lang/Object.notifyAll()V", |_, _| Ok(Value::Top));
    reg(
        t,
        "java/lang/System.identityHashCode(Ljava/lang/Object;)I",
        |vm, a| {
            let r = a[0].reference();
            Ok(Value::Int(if r == NULL { 0 } else { vm.heap.get(r).hash }))
        },
    );

    // ---- System
    reg(
        t,
        "java/lang/System.arraycopy(Ljava/lang/Object;ILjava/lang/Object;II)V",
        arraycopy,
    );
    reg(t, "java/lang/System.currentTimeMillis()J", |_, _| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Ok(Value::Long(now.as_millis() as i64))
    });
    reg(t, "java/lang/System.nanoTime()J", |_, _| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Ok(Value::Long(now.as_nanos() as i64))
    });
    reg(
        t,
        "java/lang/System.getenv0(Ljava/lang/String;)Ljava/lang/String;",
        |vm, a| {
            let name = vm.rust_string(a[0].reference()).unwrap_or_default();
            Ok(match std::env::var(&name) {
                Ok(v) => Value::Ref(vm.new_string(&v)),
                Err(_) => Value::NULL,
            })
        },
    );
    reg(
        t,
        "java/io/SystemWriter.write(Ljava/lang/String;)V",
        |vm, a| {
            let s = vm.rust_string(a[0].reference()).unwrap_or_default();
            (vm.log)(&s);
            Ok(Value::Top)
        },
    );

    // ---- Class
    reg(t, "java/lang/Class.getName()Ljava/lang/String;", |vm, a| {
        let id = mirror_class(vm, this(a))?;
        let c = vm.class(id);
        // Arrays keep their descriptor form with dots: "[Ljava.lang.String;".
        let name = c.name.replace('/', ".");
        Ok(Value::Ref(vm.intern_str(&name)))
    });
    reg(t, "java/lang/Class.isInterface()Z", |vm, a| {
        let id = mirror_class(vm, this(a))?;
        Ok(Value::Int(vm.class(id).is_interface() as i32))
    });
    reg(t, "java/lang/Class.isArray()Z", |vm, a| {
        let id = mirror_class(vm, this(a))?;
        Ok(Value::Int(vm.class(id).is_array() as i32))
    });
    reg(
        t,
        "java/lang/Class.isInstance(Ljava/lang/Object;)Z",
        |vm, a| {
            let id = mirror_class(vm, this(a))?;
            let o = a[1].reference();
            Ok(Value::Int(
                (o != NULL && vm.is_subclass(vm.heap.get(o).class, id)) as i32,
            ))
        },
    );
    reg(
        t,
        "java/lang/Class.isAssignableFrom(Ljava/lang/Class;)Z",
        |vm, a| {
            let to = mirror_class(vm, this(a))?;
            let from = mirror_class(vm, a[1].reference())?;
            Ok(Value::Int(vm.is_subclass(from, to) as i32))
        },
    );
    reg(
        t,
        "java/lang/Class.getSuperclass()Ljava/lang/Class;",
        |vm, a| {
            let id = mirror_class(vm, this(a))?;
            match vm.class(id).super_id {
                Some(s) if !vm.class(id).is_interface() => Ok(Value::Ref(vm.mirror(s)?)),
                _ => Ok(Value::NULL),
            }
        },
    );
    reg(
        t,
        "java/lang/Class.getEnumConstants0()[Ljava/lang/Object;",
        |vm, a| {
            let id = mirror_class(vm, this(a))?;
            let name = vm.class(id).name.to_string();
            let desc = format!("()[L{name};");
            vm.call_static(&name, "values", &desc, &[])
        },
    );

    // ---- Throwable
    reg(t, "java/lang/Throwable.fillInStackTrace0()V", |vm, a| {
        let ex = this(a);
        let trace = vm.capture_trace(Some(ex));
        vm.heap.get_mut(ex).native = Native::Backtrace(trace);
        Ok(Value::Top)
    });
    reg(
        t,
        "java/lang/Throwable.getStackTrace0()[Ljava/lang/StackTraceElement;",
        stack_trace,
    );

    // ---- boxes and numbers
    reg(
        t,
        "java/lang/Integer.toString(I)Ljava/lang/String;",
        |vm, a| Ok(Value::Ref(vm.new_string(&a[0].int().to_string()))),
    );
    reg(
        t,
        "java/lang/Long.toString(J)Ljava/lang/String;",
        |vm, a| Ok(Value::Ref(vm.new_string(&a[0].long().to_string()))),
    );
    reg(
        t,
        "java/lang/Double.toString(D)Ljava/lang/String;",
        |vm, a| {
            Ok(Value::Ref(
                vm.new_string(&numbers::double_to_string(a[0].double())),
            ))
        },
    );
    reg(
        t,
        "java/lang/Float.toString(F)Ljava/lang/String;",
        |vm, a| {
            Ok(Value::Ref(
                vm.new_string(&numbers::float_to_string(a[0].float())),
            ))
        },
    );
    reg(
        t,
        "java/lang/Double.parseDouble0(Ljava/lang/String;)D",
        |vm, a| {
            let s = vm.rust_string(a[0].reference()).unwrap_or_default();
            match numbers::parse_double(&s) {
                Some(d) => Ok(Value::Double(d)),
                None => Err(vm.vm_error(
                    "java/lang/NumberFormatException",
                    &format!("For input string: \"{s}\""),
                )),
            }
        },
    );
    reg(t, "java/lang/Double.doubleToRawLongBits(D)J", |_, a| {
        Ok(Value::Long(a[0].double().to_bits() as i64))
    });
    reg(t, "java/lang/Double.longBitsToDouble(J)D", |_, a| {
        Ok(Value::Double(f64::from_bits(a[0].long() as u64)))
    });
    reg(t, "java/lang/Float.floatToRawIntBits(F)I", |_, a| {
        Ok(Value::Int(a[0].float().to_bits() as i32))
    });
    reg(t, "java/lang/Float.intBitsToFloat(I)F", |_, a| {
        Ok(Value::Float(f32::from_bits(a[0].int() as u32)))
    });

    // ---- Math (StrictMath semantics come from the platform libm)
    macro_rules! math1 {
        ($name:literal, $f:expr) => {
            reg(t, concat!("java/lang/Math.", $name, "(D)D"), |_, a| {
                Ok(Value::Double($f(a[0].double())))
            });
        };
    }
    math1!("sqrt", f64::sqrt);
    math1!("cbrt", f64::cbrt);
    math1!("sin", f64::sin);
    math1!("cos", f64::cos);
    math1!("tan", f64::tan);
    math1!("asin", f64::asin);
    math1!("acos", f64::acos);
    math1!("atan", f64::atan);
    math1!("exp", f64::exp);
    math1!("log", f64::ln);
    math1!("log10", f64::log10);
    math1!("floor", f64::floor);
    math1!("ceil", f64::ceil);
    math1!("rint", |x: f64| x.round_ties_even());
    reg(t, "java/lang/StrictMath.log(D)D", |_, a| {
        Ok(Value::Double(super::fdlibm::log(a[0].double())))
    });
    reg(t, "java/lang/Math.pow(DD)D", |_, a| {
        Ok(Value::Double(java_pow(a[0].double(), a[1].double())))
    });
    reg(t, "java/lang/Math.atan2(DD)D", |_, a| {
        Ok(Value::Double(a[0].double().atan2(a[1].double())))
    });
    reg(t, "java/lang/Math.hypot(DD)D", |_, a| {
        Ok(Value::Double(a[0].double().hypot(a[1].double())))
    });

    // ---- Character (Unicode tables from Rust's char)
    macro_rules! charpred {
        ($name:literal, $f:expr) => {
            reg(t, concat!("java/lang/Character.", $name, "(I)Z"), |_, a| {
                let c = char::from_u32(a[0].int() as u32);
                Ok(Value::Int(c.map($f).unwrap_or(false) as i32))
            });
        };
    }
    charpred!("isLetter", |c: char| c.is_alphabetic() && !c.is_numeric());
    charpred!("isDigit", |c: char| c.is_numeric() && c.is_ascii_digit()
        || (!c.is_ascii() && c.to_digit(10).is_some()));
    charpred!("isLetterOrDigit", |c: char| c.is_alphanumeric());
    charpred!("isUpperCase", |c: char| c.is_uppercase());
    charpred!("isLowerCase", |c: char| c.is_lowercase());
    charpred!("isAlphabetic", |c: char| c.is_alphabetic());
    charpred!("isWhitespace", |c: char| {
        matches!(
            c,
            '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{1C}'..='\u{1F}'
        ) || (c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}' | '\u{85}'))
    });
    charpred!("isSpaceChar", |c: char| c.is_whitespace()
        && !c.is_control());
    reg(t, "java/lang/Character.toUpperCase(I)I", |_, a| {
        Ok(Value::Int(map_case(a[0].int(), true)))
    });
    reg(t, "java/lang/Character.toLowerCase(I)I", |_, a| {
        Ok(Value::Int(map_case(a[0].int(), false)))
    });
}

/// Single-code-point case mapping (Character.toUpperCase semantics: unchanged when the
/// mapping is not one character).
pub fn map_case(cp: i32, upper: bool) -> i32 {
    let Some(c) = char::from_u32(cp as u32) else {
        return cp;
    };
    let mut it: Box<dyn Iterator<Item = char>> = if upper {
        Box::new(c.to_uppercase())
    } else {
        Box::new(c.to_lowercase())
    };
    match (it.next(), it.next()) {
        (Some(m), None) => m as i32,
        _ => cp,
    }
}

fn java_pow(x: f64, y: f64) -> f64 {
    // Java: pow(x, NaN) is NaN even for x == 1; Rust's powf returns 1.
    if y.is_nan() || (x.is_nan() && y != 0.0) {
        return f64::NAN;
    }
    if (x == 1.0 || x == -1.0) && y.is_infinite() {
        return f64::NAN;
    }
    x.powf(y)
}

fn mirror_class(vm: &mut Vm, r: Ref) -> JResult<u32> {
    if r == NULL {
        return Err(vm.vm_error("java/lang/NullPointerException", ""));
    }
    match vm.heap.get(r).native {
        Native::Class(id) => Ok(id),
        _ => Err(Throw::Fatal("not a Class mirror".into())),
    }
}

fn object_clone(vm: &mut Vm, a: &[Value]) -> JResult<Value> {
    let r = this(a);
    let obj = vm.heap.get(r).clone();
    if !matches!(obj.native, Native::Array(_)) && !vm.instance_of_name(r, "java/lang/Cloneable") {
        let name = vm.class(obj.class).java_name();
        return Err(vm.vm_error("java/lang/CloneNotSupportedException", &name));
    }
    let c = vm.heap.alloc(obj.class, obj.fields, obj.native);
    Ok(Value::Ref(c))
}

fn arraycopy(vm: &mut Vm, a: &[Value]) -> JResult<Value> {
    let (src, sp, dst, dp, len) = (
        a[0].reference(),
        a[1].int(),
        a[2].reference(),
        a[3].int(),
        a[4].int(),
    );
    if src == NULL || dst == NULL {
        return Err(vm.vm_error("java/lang/NullPointerException", ""));
    }
    let (Some(s), Some(d)) = (vm.array(src), vm.array(dst)) else {
        return Err(vm.vm_error(
            "java/lang/ArrayStoreException",
            "arraycopy: source type is not an array",
        ));
    };
    if std::mem::discriminant(s) != std::mem::discriminant(d) {
        return Err(vm.vm_error("java/lang/ArrayStoreException", "arraycopy: type mismatch"));
    }
    let (sl, dl) = (s.len() as i64, d.len() as i64);
    if sp < 0 || dp < 0 || len < 0 || sp as i64 + len as i64 > sl || dp as i64 + len as i64 > dl {
        let msg = format!(
            "arraycopy: last source index {} out of bounds for length {sl}",
            sp as i64 + len as i64
        );
        return Err(vm.vm_error("java/lang/ArrayIndexOutOfBoundsException", &msg));
    }
    let (sp, dp, len) = (sp as usize, dp as usize, len as usize);
    if src == dst {
        let arr = vm.array_mut(src).unwrap();
        macro_rules! within {
            ($v:expr) => {
                $v.copy_within(sp..sp + len, dp)
            };
        }
        match arr {
            Array::Byte(v) => within!(v),
            Array::Char(v) => within!(v),
            Array::Short(v) => within!(v),
            Array::Int(v) => within!(v),
            Array::Long(v) => within!(v),
            Array::Float(v) => within!(v),
            Array::Double(v) => within!(v),
            Array::Ref(v) => within!(v),
        }
        return Ok(Value::Top);
    }
    let chunk = match vm.array(src).unwrap() {
        Array::Byte(v) => Array::Byte(v[sp..sp + len].to_vec()),
        Array::Char(v) => Array::Char(v[sp..sp + len].to_vec()),
        Array::Short(v) => Array::Short(v[sp..sp + len].to_vec()),
        Array::Int(v) => Array::Int(v[sp..sp + len].to_vec()),
        Array::Long(v) => Array::Long(v[sp..sp + len].to_vec()),
        Array::Float(v) => Array::Float(v[sp..sp + len].to_vec()),
        Array::Double(v) => Array::Double(v[sp..sp + len].to_vec()),
        Array::Ref(v) => Array::Ref(v[sp..sp + len].to_vec()),
    };
    // Reference arrays: each element must fit the destination's component type.
    if let Array::Ref(items) = &chunk {
        let dc = vm.heap.get(dst).class;
        if let Some(crate::vm::class::Elem::Ref(ec)) = vm.class(dc).elem {
            for &it in items {
                if it != NULL && !vm.is_subclass(vm.heap.get(it).class, ec) {
                    let msg = format!(
                        "arraycopy: element type mismatch: {} cannot be stored in {}",
                        vm.class(vm.heap.get(it).class).java_name(),
                        vm.class(dc).java_name()
                    );
                    return Err(vm.vm_error("java/lang/ArrayStoreException", &msg));
                }
            }
        }
    }
    let d = vm.array_mut(dst).unwrap();
    macro_rules! put {
        ($dv:expr, $sv:expr) => {
            $dv[dp..dp + len].copy_from_slice(&$sv)
        };
    }
    match (d, chunk) {
        (Array::Byte(dv), Array::Byte(sv)) => put!(dv, sv),
        (Array::Char(dv), Array::Char(sv)) => put!(dv, sv),
        (Array::Short(dv), Array::Short(sv)) => put!(dv, sv),
        (Array::Int(dv), Array::Int(sv)) => put!(dv, sv),
        (Array::Long(dv), Array::Long(sv)) => put!(dv, sv),
        (Array::Float(dv), Array::Float(sv)) => put!(dv, sv),
        (Array::Double(dv), Array::Double(sv)) => put!(dv, sv),
        (Array::Ref(dv), Array::Ref(sv)) => put!(dv, sv),
        _ => {}
    }
    Ok(Value::Top)
}

fn stack_trace(vm: &mut Vm, a: &[Value]) -> JResult<Value> {
    let ex = this(a);
    let frames = match &vm.heap.get(ex).native {
        Native::Backtrace(t) => t.clone(),
        _ => vec![],
    };
    let arr = vm.new_array("[Ljava/lang/StackTraceElement;", frames.len())?;
    vm.pin(arr);
    let ste = vm.load_class("java/lang/StackTraceElement");
    let ste = match ste {
        Ok(c) => c,
        Err(e) => {
            vm.unpin();
            return Err(e);
        }
    };
    for (i, f) in frames.iter().enumerate() {
        let e = vm.new_object(ste)?;
        if let Some(Array::Ref(v)) = vm.array_mut(arr) {
            v[i] = e;
        }
        let class = vm.intern_str(&f.class);
        let method = vm.intern_str(&f.method);
        let file = match &f.file {
            Some(s) => Value::Ref(vm.intern_str(s)),
            None => Value::NULL,
        };
        vm.set_field(e, "declaringClass", Value::Ref(class));
        vm.set_field(e, "methodName", Value::Ref(method));
        vm.set_field(e, "fileName", file);
        vm.set_field(
            e,
            "lineNumber",
            Value::Int(f.line.map(|l| l as i32).unwrap_or(-1)),
        );
    }
    vm.unpin();
    Ok(Value::Ref(arr))
}

pub fn register_runtime(t: &mut HashMap<String, NativeFn>) {
    reg(t, "java/lang/Thread.sleep0(J)V", |vm, a| {
        (vm.sleep)(a[0].long().max(0) as u64);
        Ok(Value::Top)
    });
    reg(
        t,
        "lambdabox/runtime/LambdaRuntime.log0(Ljava/lang/String;)V",
        |vm, a| {
            let mut s = vm.rust_string(a[0].reference()).unwrap_or_default();
            if !s.ends_with('\n') {
                s.push('\n');
            }
            (vm.log)(&s);
            Ok(Value::Top)
        },
    );
    reg(t, "lambdabox/runtime/LambdaRuntime.now0()J", |_, _| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Ok(Value::Long(now.as_millis() as i64))
    });
}
