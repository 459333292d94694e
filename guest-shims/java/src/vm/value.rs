//! Values on the operand stack, in locals, fields and array slots.

/// A heap reference: an index into the object slab; 0 is `null`.
pub type Ref = u32;
pub const NULL: Ref = 0;

/// A JVM value. Category-2 values (long, double) are one entry on the operand stack and
/// occupy two local slots (the second holds `Top`), as in the JVM specification.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Int(i32),
    Long(i64),
    Float(f32),
    Double(f64),
    Ref(Ref),
    Top,
}

impl Value {
    pub const NULL: Value = Value::Ref(NULL);

    pub fn int(self) -> i32 {
        match self {
            Value::Int(v) => v,
            _ => 0,
        }
    }
    pub fn long(self) -> i64 {
        match self {
            Value::Long(v) => v,
            _ => 0,
        }
    }
    pub fn float(self) -> f32 {
        match self {
            Value::Float(v) => v,
            _ => 0.0,
        }
    }
    pub fn double(self) -> f64 {
        match self {
            Value::Double(v) => v,
            _ => 0.0,
        }
    }
    pub fn reference(self) -> Ref {
        match self {
            Value::Ref(r) => r,
            _ => NULL,
        }
    }
    pub fn is_wide(self) -> bool {
        matches!(self, Value::Long(_) | Value::Double(_))
    }

    /// The default value of a field of descriptor `desc`.
    pub fn default_for(desc: &str) -> Value {
        match desc.as_bytes().first() {
            Some(b'J') => Value::Long(0),
            Some(b'F') => Value::Float(0.0),
            Some(b'D') => Value::Double(0.0),
            Some(b'L') | Some(b'[') => Value::NULL,
            _ => Value::Int(0),
        }
    }
}

/// Java's `(int)` of a double/float: NaN → 0, saturating at the bounds (Rust `as` does the same).
pub fn d2i(v: f64) -> i32 {
    v as i32
}
pub fn d2l(v: f64) -> i64 {
    v as i64
}

/// Parses a method descriptor into (parameter descriptors, return descriptor).
pub fn parse_method_desc(desc: &str) -> Option<(Vec<String>, String)> {
    let b = desc.as_bytes();
    if b.first() != Some(&b'(') {
        return None;
    }
    let mut i = 1;
    let mut params = Vec::new();
    while i < b.len() && b[i] != b')' {
        let start = i;
        while i < b.len() && b[i] == b'[' {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] == b'L' {
            while i < b.len() && b[i] != b';' {
                i += 1;
            }
        }
        i += 1;
        params.push(desc.get(start..i)?.to_string());
    }
    let ret = desc.get(i + 1..)?.to_string();
    if ret.is_empty() {
        return None;
    }
    Some((params, ret))
}
