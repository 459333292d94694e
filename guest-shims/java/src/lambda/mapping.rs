//! JSON ⇄ Java objects with the Lambda Java runtime's rules (java-runtime.md §4.2):
//! Map → LinkedHashMap of Integer/Long/Double/Boolean/String/ArrayList, scalar coercion to
//! String and boxed numbers, single-value arrays, POJOs through setters and public fields;
//! output with NON_NULL, Java number formatting and getter/field property order.

use std::rc::Rc;

use super::json::{write_string, Json};
use super::signature::{parse_method_params, parse_type, JType};
use crate::classfile::{ACC_PUBLIC, ACC_STATIC};
use crate::vm::heap::{Array, Native};
use crate::vm::natives::numbers::{double_to_string, float_to_string};
use crate::vm::value::{Ref, Value, NULL};
use crate::vm::{JResult, Throw, Vm};

/// Why an event could not be mapped to the handler's input type.
pub enum MapError {
    /// A Jackson-style mapping failure (the runtime reports it as a JSON parsing error).
    Mismatch(String),
    Java(Throw),
}

impl From<Throw> for MapError {
    fn from(t: Throw) -> Self {
        MapError::Java(t)
    }
}

type MResult<T> = Result<T, MapError>;

fn boxed(vm: &mut Vm, kind: u8, v: Value) -> MResult<Value> {
    let r = vm.box_value(kind, v)?;
    vm.pin(r);
    Ok(Value::Ref(r))
}

fn string(vm: &mut Vm, s: &str) -> Value {
    let r = vm.new_string(s);
    vm.pin(r);
    Value::Ref(r)
}

fn scalar_text(j: &Json) -> Option<String> {
    match j {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.clone()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The value of a JSON number as f64 (NaN/Infinity included).
fn number(n: &str) -> Option<f64> {
    match n {
        "NaN" => Some(f64::NAN),
        "Infinity" | "+Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => n.parse().ok(),
    }
}

fn is_integral(n: &str) -> bool {
    let b = n.strip_prefix(['-', '+']).unwrap_or(n);
    !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit())
}

/// Converts `json` to a Java value of type `ty`. Created objects stay pinned until the
/// caller's pin scope ends.
pub fn from_json(vm: &mut Vm, json: &Json, ty: &JType) -> MResult<Value> {
    let name = match ty {
        JType::Prim(p) => return primitive(vm, json, *p, true),
        JType::Var(_) => "java/lang/Object".to_string(),
        JType::Array(elem) => return array_from_json(vm, json, elem),
        JType::Class(n, _) => n.clone(),
    };
    // Unwrap single-element arrays for scalar targets (UNWRAP_SINGLE_VALUE_ARRAYS).
    let scalar_target = matches!(
        name.as_str(),
        "java/lang/String"
            | "java/lang/Integer"
            | "java/lang/Long"
            | "java/lang/Double"
            | "java/lang/Float"
            | "java/lang/Short"
            | "java/lang/Byte"
            | "java/lang/Boolean"
            | "java/lang/Character"
    );
    if let (true, Json::Array(items)) = (scalar_target, json) {
        if items.len() == 1 {
            return from_json(vm, &items[0], ty);
        }
    }
    match name.as_str() {
        "java/lang/Object" | "java/io/Serializable" => natural(vm, json),
        "java/lang/String" | "java/lang/CharSequence" => match json {
            Json::Null => Ok(Value::NULL),
            Json::Object(_) => Err(MapError::Mismatch(
                "Cannot deserialize value of type `java.lang.String` from Object value (token `JsonToken.START_OBJECT`)".into(),
            )),
            Json::Array(_) => Err(MapError::Mismatch(
                "Cannot deserialize value of type `java.lang.String` from Array value (token `JsonToken.START_ARRAY`)".into(),
            )),
            j => Ok(string(vm, &scalar_text(j).unwrap_or_default())),
        },
        "java/lang/Integer" => primitive(vm, json, b'I', false),
        "java/lang/Long" => primitive(vm, json, b'J', false),
        "java/lang/Double" | "java/lang/Number" => primitive(vm, json, b'D', false),
        "java/lang/Float" => primitive(vm, json, b'F', false),
        "java/lang/Short" => primitive(vm, json, b'S', false),
        "java/lang/Byte" => primitive(vm, json, b'B', false),
        "java/lang/Boolean" => primitive(vm, json, b'Z', false),
        "java/lang/Character" => primitive(vm, json, b'C', false),
        "java/util/Map" | "java/util/HashMap" | "java/util/LinkedHashMap" | "java/util/AbstractMap" => {
            let impl_class = if name == "java/util/HashMap" { "java/util/HashMap" } else { "java/util/LinkedHashMap" };
            match json {
                Json::Object(fields) => {
                    let map = vm.new_instance(impl_class)?;
                    vm.pin(map);
                    let vty = ty.arg(1).cloned().unwrap_or_else(JType::object);
                    let kty = ty.arg(0).cloned().unwrap_or_else(JType::object);
                    for (k, v) in fields {
                        let key = from_json(vm, &Json::String(k.clone()), &kty)?;
                        let val = from_json(vm, v, &vty)?;
                        vm.call_virtual(map, "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;", &[key, val])?;
                    }
                    Ok(Value::Ref(map))
                }
                Json::Array(items) if items.len() == 1 => from_json(vm, &items[0], ty),
                Json::Array(items) if items.is_empty() => Ok(Value::NULL),
                Json::String(s) if s.is_empty() => Ok(Value::NULL),
                Json::Null => Ok(Value::NULL),
                _ => Err(MapError::Mismatch(format!(
                    "Cannot construct instance of `{}` from a scalar value",
                    name.replace('/', ".")
                ))),
            }
        }
        "java/util/List" | "java/util/ArrayList" | "java/util/Collection" | "java/lang/Iterable" | "java/util/Set"
        | "java/util/HashSet" | "java/util/LinkedHashSet" | "java/util/AbstractList" => {
            let impl_class = match name.as_str() {
                "java/util/Set" | "java/util/HashSet" => "java/util/HashSet",
                "java/util/LinkedHashSet" => "java/util/LinkedHashSet",
                _ => "java/util/ArrayList",
            };
            let ety = ty.arg(0).cloned().unwrap_or_else(JType::object);
            let items: Vec<Json> = match json {
                Json::Null => return Ok(Value::NULL),
                Json::String(s) if s.is_empty() => return Ok(Value::NULL),
                Json::Array(items) => items.clone(),
                single => vec![single.clone()],
            };
            let list = vm.new_instance(impl_class)?;
            vm.pin(list);
            for it in &items {
                let v = from_json(vm, it, &ety)?;
                vm.call_virtual(list, "add", "(Ljava/lang/Object;)Z", &[v])?;
            }
            Ok(Value::Ref(list))
        }
        other => object_from_json(vm, json, other),
    }
}

fn natural(vm: &mut Vm, json: &Json) -> MResult<Value> {
    match json {
        Json::Null => Ok(Value::NULL),
        Json::Bool(b) => boxed(vm, b'Z', Value::Int(*b as i32)),
        Json::String(s) => Ok(string(vm, s)),
        Json::Number(n) if is_integral(n) => match n.parse::<i64>() {
            Ok(v) if i32::try_from(v).is_ok() => boxed(vm, b'I', Value::Int(v as i32)),
            Ok(v) => boxed(vm, b'J', Value::Long(v)),
            Err(_) => Err(MapError::Java(vm.vm_error(
                "java/lang/NoClassDefFoundError",
                "java.math.BigInteger is not supported yet by the lambdabox Java class library",
            ))),
        },
        Json::Number(n) => boxed(vm, b'D', Value::Double(number(n).unwrap_or(f64::NAN))),
        Json::Array(_) => from_json(vm, json, &JType::Class("java/util/List".into(), vec![])),
        Json::Object(_) => from_json(vm, json, &JType::Class("java/util/Map".into(), vec![])),
    }
}

/// Numbers, booleans and chars, boxed unless `raw` (then the primitive Value is returned).
fn primitive(vm: &mut Vm, json: &Json, kind: u8, raw: bool) -> MResult<Value> {
    let type_name = match kind {
        b'I' => "int",
        b'J' => "long",
        b'D' => "double",
        b'F' => "float",
        b'S' => "short",
        b'B' => "byte",
        b'Z' => "boolean",
        _ => "char",
    };
    let text = match json {
        Json::Null => return Ok(if raw { zero(kind) } else { Value::NULL }),
        Json::String(s) if s.is_empty() => return Ok(if raw { zero(kind) } else { Value::NULL }),
        Json::Array(items) if items.len() == 1 => return primitive(vm, &items[0], kind, raw),
        Json::Bool(b) => {
            if kind == b'Z' {
                let v = Value::Int(*b as i32);
                return if raw { Ok(v) } else { boxed(vm, kind, v) };
            }
            return Err(MapError::Mismatch(format!(
                "Cannot coerce boolean value to `{type_name}`"
            )));
        }
        Json::Number(n) => n.clone(),
        Json::String(s) => s.trim().to_string(),
        _ => {
            return Err(MapError::Mismatch(format!(
                "Cannot deserialize value of type `{type_name}` from {} value",
                if matches!(json, Json::Object(_)) {
                    "Object"
                } else {
                    "Array"
                }
            )))
        }
    };
    let bad = || {
        MapError::Mismatch(format!(
            "Cannot deserialize value of type `{type_name}` from String \"{text}\""
        ))
    };
    let v = match kind {
        b'Z' => match text.as_str() {
            "true" | "1" => Value::Int(1),
            "false" | "0" => Value::Int(0),
            t if number(t).is_some() => Value::Int((number(t).unwrap() != 0.0) as i32),
            _ => return Err(bad()),
        },
        b'C' => Value::Int(text.encode_utf16().next().ok_or_else(bad)? as i32),
        b'D' => Value::Double(number(&text).ok_or_else(bad)?),
        b'F' => Value::Float(number(&text).ok_or_else(bad)? as f32),
        _ => {
            let wide: i64 = if is_integral(&text) {
                text.parse::<i64>().map_err(|_| {
                    MapError::Mismatch(format!(
                        "Numeric value ({text}) out of range of {type_name}"
                    ))
                })?
            } else {
                number(&text).ok_or_else(bad)? as i64
            };
            match kind {
                b'J' => Value::Long(wide),
                b'I' => Value::Int(i32::try_from(wide).map_err(|_| {
                    MapError::Mismatch(format!(
                        "Numeric value ({text}) out of range of int (-2147483648 - 2147483647)"
                    ))
                })?),
                b'S' => Value::Int(i16::try_from(wide).map_err(|_| bad())? as i32),
                _ => Value::Int(i8::try_from(wide).map_err(|_| bad())? as i32),
            }
        }
    };
    if raw {
        Ok(v)
    } else {
        boxed(vm, kind, v)
    }
}

fn zero(kind: u8) -> Value {
    match kind {
        b'J' => Value::Long(0),
        b'D' => Value::Double(0.0),
        b'F' => Value::Float(0.0),
        _ => Value::Int(0),
    }
}

fn array_from_json(vm: &mut Vm, json: &Json, elem: &JType) -> MResult<Value> {
    let items: Vec<Json> = match json {
        Json::Null => return Ok(Value::NULL),
        Json::Array(items) => items.clone(),
        single => vec![single.clone()],
    };
    let desc = match elem {
        JType::Prim(p) => format!("[{}", *p as char),
        JType::Class(n, _) => format!("[L{n};"),
        JType::Array(_) | JType::Var(_) => "[Ljava/lang/Object;".into(),
    };
    let arr = vm.new_array(&desc, items.len())?;
    vm.pin(arr);
    for (i, it) in items.iter().enumerate() {
        let v = match elem {
            JType::Prim(p) => primitive(vm, it, *p, true)?,
            t => from_json(vm, it, t)?,
        };
        if let Some(a) = vm.array_mut(arr) {
            a.set(i, v);
        }
    }
    Ok(Value::Ref(arr))
}

/// Property name of a bean accessor (`getURL` → `URL`, `getName` → `name`), std bean naming.
fn bean_name(rest: &str) -> String {
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_uppercase() => rest.to_string(),
        (Some(a), _) => a.to_lowercase().chain(rest.chars().skip(1)).collect(),
        _ => String::new(),
    }
}

fn object_from_json(vm: &mut Vm, json: &Json, class: &str) -> MResult<Value> {
    let id = vm.load_class(class)?;
    let is_enum = vm
        .class(id)
        .super_id
        .map(|s| &*vm.class(s).name == "java/lang/Enum")
        .unwrap_or(false);
    if is_enum {
        let Some(text) = scalar_text(json) else {
            return Ok(Value::NULL);
        };
        let values = vm
            .call_static(class, "values", &format!("()[L{class};"), &[])?
            .reference();
        let consts: Vec<Ref> = match vm.array(values) {
            Some(Array::Ref(v)) => v.clone(),
            _ => vec![],
        };
        for c in consts {
            let name = vm.get_field(c, "name").reference();
            if vm.rust_string(name).as_deref() == Some(text.as_str()) {
                return Ok(Value::Ref(c));
            }
        }
        // READ_UNKNOWN_ENUM_VALUES_AS_NULL.
        return Ok(Value::NULL);
    }
    let fields = match json {
        Json::Null => return Ok(Value::NULL),
        Json::String(s) if s.is_empty() => return Ok(Value::NULL),
        Json::Array(items) if items.is_empty() => return Ok(Value::NULL),
        Json::Array(items) if items.len() == 1 => return object_from_json(vm, &items[0], class),
        Json::Object(f) => f,
        _ => {
            return Err(MapError::Mismatch(format!(
                "Cannot construct instance of `{}` (no String-argument constructor/factory method to deserialize from value)",
                class.replace('/', ".")
            )))
        }
    };
    let file = vm
        .class(id)
        .file
        .clone()
        .ok_or_else(|| MapError::Mismatch(format!("cannot create {class}")))?;
    let is_record = vm
        .class(id)
        .super_id
        .map(|s| &*vm.class(s).name == "java/lang/Record")
        .unwrap_or(false);
    if is_record {
        // Canonical constructor: the record's instance fields in declaration order.
        let comps: Vec<_> = file
            .fields
            .iter()
            .filter(|f| f.access & ACC_STATIC == 0)
            .collect();
        let desc = format!(
            "({})V",
            comps.iter().map(|f| f.desc.to_string()).collect::<String>()
        );
        let mut args = Vec::new();
        for f in &comps {
            let ty = f
                .signature
                .as_deref()
                .and_then(parse_type)
                .or_else(|| parse_type(&f.desc))
                .unwrap_or_else(JType::object);
            let j = fields
                .iter()
                .rev()
                .find(|(k, _)| k.as_str() == &*f.name)
                .map(|(_, v)| v.clone())
                .unwrap_or(Json::Null);
            args.push(from_json(vm, &j, &ty)?);
        }
        vm.ensure_init(id)?;
        let obj = vm.new_object(id)?;
        vm.pin(obj);
        vm.call_init(obj, &desc, &args)?;
        return Ok(Value::Ref(obj));
    }
    let obj = vm.new_instance(class)?;
    vm.pin(obj);
    for (key, val) in fields {
        // Setter (walking superclasses), then a public field.
        let mut done = false;
        let mut c = Some(id);
        while let (Some(cid), false) = (c, done) {
            let Some(f) = vm.class(cid).file.clone() else {
                break;
            };
            for m in &f.methods {
                if m.access & ACC_PUBLIC == 0
                    || m.access & ACC_STATIC != 0
                    || !m.name.starts_with("set")
                {
                    continue;
                }
                if bean_name(&m.name[3..]) != *key {
                    continue;
                }
                let params = m
                    .signature
                    .as_deref()
                    .and_then(parse_method_params)
                    .or_else(|| parse_method_params(&m.desc));
                let Some(params) = params.filter(|p| p.len() == 1) else {
                    continue;
                };
                let v = from_json(vm, val, &params[0])?;
                vm.call_virtual(obj, &m.name, &m.desc, &[v])?;
                done = true;
                break;
            }
            if !done {
                if let Some(fi) = f.fields.iter().find(|fi| {
                    &*fi.name == key.as_str()
                        && fi.access & ACC_PUBLIC != 0
                        && fi.access & ACC_STATIC == 0
                }) {
                    let ty = fi
                        .signature
                        .as_deref()
                        .and_then(parse_type)
                        .or_else(|| parse_type(&fi.desc))
                        .unwrap_or_else(JType::object);
                    let v = from_json(vm, val, &ty)?;
                    vm.set_field(obj, &fi.name, v);
                    done = true;
                }
            }
            c = vm.class(cid).super_id;
        }
        // Unknown properties are ignored (FAIL_ON_UNKNOWN_PROPERTIES off).
    }
    Ok(Value::Ref(obj))
}

// ------------------------------------------------------------------ output

/// Serialises a Java value (of descriptor kind `kind`) as JSON text.
pub fn to_json(vm: &mut Vm, v: Value, kind: u8, out: &mut String) -> JResult<()> {
    value_to_json(vm, v, kind, out, 0)
}

fn value_to_json(vm: &mut Vm, v: Value, kind: u8, out: &mut String, depth: usize) -> JResult<()> {
    if depth > 200 {
        return Err(vm.vm_error(
            "java/lang/IllegalStateException",
            "Document nesting depth exceeds the maximum allowed",
        ));
    }
    match (kind, v) {
        (b'Z', v) => out.push_str(if v.int() != 0 { "true" } else { "false" }),
        (b'C', v) => write_string(out, &String::from_utf16_lossy(&[v.int() as u16])),
        (b'J', v) => out.push_str(&v.long().to_string()),
        (b'F', v) => number_out(out, float_to_string(v.float()), v.float().is_finite()),
        (b'D', v) => number_out(out, double_to_string(v.double()), v.double().is_finite()),
        (b'B' | b'S' | b'I', v) => out.push_str(&v.int().to_string()),
        (_, v) => ref_to_json(vm, v.reference(), out, depth)?,
    }
    Ok(())
}

fn number_out(out: &mut String, text: String, finite: bool) {
    if finite {
        out.push_str(&text);
    } else {
        write_string(out, &text);
    }
}

fn class_name(vm: &Vm, r: Ref) -> Rc<str> {
    vm.class(vm.heap.get(r).class).name.clone()
}

fn ref_to_json(vm: &mut Vm, r: Ref, out: &mut String, depth: usize) -> JResult<()> {
    if r == NULL {
        out.push_str("null");
        return Ok(());
    }
    if let Some(s) = vm.str_units(r) {
        write_string(out, &String::from_utf16_lossy(&s));
        return Ok(());
    }
    if let Native::Array(a) = &vm.heap.get(r).native {
        let a = a.clone();
        match a {
            Array::Char(c) => write_string(out, &String::from_utf16_lossy(&c)),
            Array::Byte(b) if vm.class(vm.heap.get(r).class).name.as_ref() == "[B" => {
                let bytes: Vec<u8> = b.iter().map(|&x| x as u8).collect();
                write_string(out, &base64(&bytes));
            }
            a => {
                let kind = vm.class(vm.heap.get(r).class).name.as_bytes()[1];
                out.push('[');
                for i in 0..a.len() {
                    if i > 0 {
                        out.push(',');
                    }
                    value_to_json(vm, a.get(i), kind, out, depth + 1)?;
                }
                out.push(']');
            }
        }
        return Ok(());
    }
    let name = class_name(vm, r);
    let unbox = |vm: &Vm| vm.get_field(r, "value");
    match &*name {
        "java/lang/Integer" | "java/lang/Short" | "java/lang/Byte" => {
            return value_to_json(vm, unbox(vm), b'I', out, depth)
        }
        "java/lang/Long" => return value_to_json(vm, unbox(vm), b'J', out, depth),
        "java/lang/Double" => return value_to_json(vm, unbox(vm), b'D', out, depth),
        "java/lang/Float" => return value_to_json(vm, unbox(vm), b'F', out, depth),
        "java/lang/Boolean" => return value_to_json(vm, unbox(vm), b'Z', out, depth),
        "java/lang/Character" => return value_to_json(vm, unbox(vm), b'C', out, depth),
        _ => {}
    }
    let mark = vm.pin_mark();
    let result = composite_to_json(vm, r, &name, out, depth);
    vm.unpin_to(mark);
    result
}

fn composite_to_json(
    vm: &mut Vm,
    r: Ref,
    name: &str,
    out: &mut String,
    depth: usize,
) -> JResult<()> {
    if vm.instance_of_name(r, "java/util/Map") {
        let flat = vm
            .call_static(
                "lambdabox/runtime/LambdaRuntime",
                "entries",
                "(Ljava/util/Map;)[Ljava/lang/Object;",
                &[Value::Ref(r)],
            )?
            .reference();
        vm.pin(flat);
        let items = match vm.array(flat) {
            Some(Array::Ref(v)) => v.clone(),
            _ => vec![],
        };
        out.push('{');
        let mut first = true;
        for pair in items.chunks(2) {
            if pair[1] == NULL {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            let key = vm.to_java_string(pair[0])?;
            write_string(out, &String::from_utf16_lossy(&key));
            out.push(':');
            ref_to_json(vm, pair[1], out, depth + 1)?;
        }
        out.push('}');
        return Ok(());
    }
    if vm.instance_of_name(r, "java/util/Collection") {
        let arr = vm
            .call_virtual(r, "toArray", "()[Ljava/lang/Object;", &[])?
            .reference();
        vm.pin(arr);
        return ref_to_json(vm, arr, out, depth);
    }
    if vm.instance_of_name(r, "java/lang/Enum") {
        let n = vm.get_field(r, "name").reference();
        return ref_to_json(vm, n, out, depth);
    }
    if name.starts_with("java/") || name.starts_with("lambdabox/") {
        // Platform values without bean properties serialise as their text.
        let s = vm.to_java_string(r)?;
        write_string(out, &String::from_utf16_lossy(&s));
        return Ok(());
    }
    bean_to_json(vm, r, out, depth)
}

/// A POJO or record: fields in declaration order (superclasses first) that are public or
/// have a getter, then getter-only properties; null values omitted (NON_NULL).
fn bean_to_json(vm: &mut Vm, r: Ref, out: &mut String, depth: usize) -> JResult<()> {
    let mut chain = Vec::new();
    let mut c = Some(vm.heap.get(r).class);
    while let Some(id) = c {
        if vm.class(id).file.is_some() && !vm.class(id).name.starts_with("java/") {
            chain.push(id);
        }
        c = vm.class(id).super_id;
    }
    chain.reverse();
    let is_record = vm.instance_of_name(r, "java/lang/Record");
    // (property name, getter (name, desc) or field name, kind)
    let mut props: Vec<(String, Option<(Rc<str>, Rc<str>)>, Option<Rc<str>>, u8)> = Vec::new();
    let mut getters: Vec<(String, Rc<str>, Rc<str>, u8)> = Vec::new();
    for &id in &chain {
        let file = vm.class(id).file.clone().unwrap();
        for m in &file.methods {
            if m.access & ACC_PUBLIC == 0
                || m.access & ACC_STATIC != 0
                || !m.desc.starts_with("()")
                || m.desc.ends_with(")V")
            {
                continue;
            }
            let ret = m.desc.as_bytes()[2];
            let prop = if is_record {
                file.fields
                    .iter()
                    .any(|f| f.name == m.name && f.access & ACC_STATIC == 0)
                    .then(|| m.name.to_string())
            } else if let Some(rest) = m.name.strip_prefix("get").filter(|r| !r.is_empty()) {
                (&*m.name != "getClass").then(|| bean_name(rest))
            } else if let Some(rest) = m
                .name
                .strip_prefix("is")
                .filter(|r| !r.is_empty() && ret == b'Z')
            {
                Some(bean_name(rest))
            } else {
                None
            };
            if let Some(p) = prop {
                getters.retain(|g| g.0 != p);
                getters.push((p, m.name.clone(), m.desc.clone(), ret));
            }
        }
    }
    for &id in &chain {
        let file = vm.class(id).file.clone().unwrap();
        for f in &file.fields {
            if f.access & ACC_STATIC != 0 || f.access & 0x0080 != 0 {
                continue;
            }
            let kind = f.desc.as_bytes()[0];
            if let Some(pos) = getters.iter().position(|g| g.0 == *f.name) {
                let g = getters.remove(pos);
                props.push((g.0, Some((g.1, g.2)), None, g.3));
            } else if f.access & ACC_PUBLIC != 0 {
                props.push((f.name.to_string(), None, Some(f.name.clone()), kind));
            }
        }
    }
    for g in getters {
        props.push((g.0, Some((g.1, g.2)), None, g.3));
    }
    out.push('{');
    let mut first = true;
    for (prop, getter, field, kind) in props {
        let v = match (getter, field) {
            (Some((n, d)), _) => vm.call_virtual(r, &n, &d, &[])?,
            (None, Some(f)) => vm.get_field(r, &f),
            _ => continue,
        };
        if matches!(kind, b'L' | b'[') && v.reference() == NULL {
            continue;
        }
        if let Value::Ref(x) = v {
            vm.pin(x);
        }
        if !first {
            out.push(',');
        }
        first = false;
        write_string(out, &prop);
        out.push(':');
        value_to_json(vm, v, kind, out, depth + 1)?;
    }
    out.push('}');
    Ok(())
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bean_names_follow_std_bean_naming() {
        assert_eq!(bean_name("Name"), "name");
        assert_eq!(bean_name("URL"), "URL");
        assert_eq!(bean_name("X"), "x");
        assert_eq!(base64(&[1, 2, 3]), "AQID");
        assert_eq!(base64(&[1]), "AQ==");
    }
}
