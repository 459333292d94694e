//! The object heap: a slab of objects addressed by `Ref` (u32) with a free list, and a
//! stop-the-world mark-sweep collector.
//!
//! Why a GC and not a per-invocation arena: a warm Lambda sandbox keeps the handler instance
//! and every static field alive across invocations, and those may point at objects created
//! during any invocation (caches, counters, memoised maps). Freeing "everything allocated
//! during the invocation" would leave them dangling, so reachability has to be computed.
//! Mark-sweep over precise roots (frames, statics, class mirrors, interned strings, pinned
//! handles) is small, and the tagged `Value` makes roots exact.

use std::rc::Rc;

use super::value::{Ref, Value, NULL};

pub type ClassId = u32;

#[derive(Debug, Clone)]
pub enum Array {
    /// boolean[] and byte[].
    Byte(Vec<i8>),
    Char(Vec<u16>),
    Short(Vec<i16>),
    Int(Vec<i32>),
    Long(Vec<i64>),
    Float(Vec<f32>),
    Double(Vec<f64>),
    Ref(Vec<Ref>),
}

impl Array {
    pub fn len(&self) -> usize {
        match self {
            Array::Byte(v) => v.len(),
            Array::Char(v) => v.len(),
            Array::Short(v) => v.len(),
            Array::Int(v) => v.len(),
            Array::Long(v) => v.len(),
            Array::Float(v) => v.len(),
            Array::Double(v) => v.len(),
            Array::Ref(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A zeroed array for element descriptor byte `elem` (`I`, `J`, `L`/`[` for references...).
    pub fn new(elem: u8, len: usize) -> Array {
        match elem {
            b'Z' | b'B' => Array::Byte(vec![0; len]),
            b'C' => Array::Char(vec![0; len]),
            b'S' => Array::Short(vec![0; len]),
            b'I' => Array::Int(vec![0; len]),
            b'J' => Array::Long(vec![0; len]),
            b'F' => Array::Float(vec![0.0; len]),
            b'D' => Array::Double(vec![0.0; len]),
            _ => Array::Ref(vec![NULL; len]),
        }
    }

    pub fn get(&self, i: usize) -> Value {
        match self {
            Array::Byte(v) => Value::Int(v[i] as i32),
            Array::Char(v) => Value::Int(v[i] as i32),
            Array::Short(v) => Value::Int(v[i] as i32),
            Array::Int(v) => Value::Int(v[i]),
            Array::Long(v) => Value::Long(v[i]),
            Array::Float(v) => Value::Float(v[i]),
            Array::Double(v) => Value::Double(v[i]),
            Array::Ref(v) => Value::Ref(v[i]),
        }
    }

    pub fn set(&mut self, i: usize, val: Value) {
        match self {
            Array::Byte(v) => v[i] = val.int() as i8,
            Array::Char(v) => v[i] = val.int() as u16,
            Array::Short(v) => v[i] = val.int() as i16,
            Array::Int(v) => v[i] = val.int(),
            Array::Long(v) => v[i] = val.long(),
            Array::Float(v) => v[i] = val.float(),
            Array::Double(v) => v[i] = val.double(),
            Array::Ref(v) => v[i] = val.reference(),
        }
    }

    fn bytes(&self) -> usize {
        match self {
            Array::Byte(v) => v.len(),
            Array::Char(v) => v.len() * 2,
            Array::Short(v) => v.len() * 2,
            Array::Int(v) => v.len() * 4,
            Array::Float(v) => v.len() * 4,
            Array::Long(v) => v.len() * 8,
            Array::Double(v) => v.len() * 8,
            Array::Ref(v) => v.len() * 4,
        }
    }
}

/// One frame of a captured stack trace.
#[derive(Debug, Clone)]
pub struct TraceFrame {
    pub class: Rc<str>,
    pub method: Rc<str>,
    pub file: Option<Rc<str>>,
    pub line: Option<u32>,
}

/// The native payload of an object, beside its Java fields.
#[derive(Debug, Clone)]
pub enum Native {
    None,
    /// java.lang.String: immutable UTF-16.
    Str(Rc<[u16]>),
    /// java.lang.StringBuilder / StringBuffer.
    Builder(Vec<u16>),
    Array(Array),
    /// java.lang.Class mirror of a loaded class.
    Class(ClassId),
    /// java.lang.Throwable's captured backtrace.
    Backtrace(Vec<TraceFrame>),
}

#[derive(Debug, Clone)]
pub struct Object {
    pub class: ClassId,
    pub fields: Vec<Value>,
    pub native: Native,
    pub hash: i32,
    marked: bool,
}

impl Object {
    fn size(&self) -> usize {
        let n = match &self.native {
            Native::Str(s) => s.len() * 2,
            Native::Builder(b) => b.capacity() * 2,
            Native::Array(a) => a.bytes(),
            Native::Backtrace(t) => t.len() * 48,
            _ => 0,
        };
        16 + self.fields.len() * 16 + n
    }
}

pub struct Heap {
    objects: Vec<Option<Object>>,
    free: Vec<Ref>,
    pub used_bytes: usize,
    pub allocated_since_gc: usize,
    next_hash: u32,
}

impl Default for Heap {
    fn default() -> Self {
        Heap {
            // Slot 0 is null.
            objects: vec![None],
            free: Vec::new(),
            used_bytes: 0,
            allocated_since_gc: 0,
            next_hash: 0x1b6d_3586,
        }
    }
}

impl Heap {
    pub fn alloc(&mut self, class: ClassId, fields: Vec<Value>, native: Native) -> Ref {
        // Identity hash codes: a xorshift sequence, deterministic per run (like -XX:hashCode=5).
        let mut x = self.next_hash;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.next_hash = x;
        let obj = Object {
            class,
            fields,
            native,
            hash: (x & 0x7fff_ffff) as i32,
            marked: false,
        };
        let size = obj.size();
        self.used_bytes += size;
        self.allocated_since_gc += size;
        if let Some(r) = self.free.pop() {
            self.objects[r as usize] = Some(obj);
            r
        } else {
            self.objects.push(Some(obj));
            (self.objects.len() - 1) as Ref
        }
    }

    pub fn get(&self, r: Ref) -> &Object {
        self.objects[r as usize]
            .as_ref()
            .expect("dangling reference")
    }

    pub fn get_mut(&mut self, r: Ref) -> &mut Object {
        self.objects[r as usize]
            .as_mut()
            .expect("dangling reference")
    }

    pub fn live_objects(&self) -> usize {
        self.objects.len() - 1 - self.free.len()
    }

    /// Marks everything reachable from `roots`, frees the rest. Returns the number freed.
    pub fn collect(&mut self, roots: impl IntoIterator<Item = Ref>) -> usize {
        let mut stack: Vec<Ref> = roots.into_iter().filter(|&r| r != NULL).collect();
        while let Some(r) = stack.pop() {
            let Some(obj) = self.objects.get_mut(r as usize).and_then(|o| o.as_mut()) else {
                continue;
            };
            if obj.marked {
                continue;
            }
            obj.marked = true;
            for v in &obj.fields {
                if let Value::Ref(x) = v {
                    if *x != NULL {
                        stack.push(*x);
                    }
                }
            }
            if let Native::Array(Array::Ref(v)) = &obj.native {
                stack.extend(v.iter().copied().filter(|&x| x != NULL));
            }
        }
        let mut freed = 0;
        let mut used = 0;
        for (i, slot) in self.objects.iter_mut().enumerate().skip(1) {
            match slot {
                Some(o) if o.marked => {
                    o.marked = false;
                    used += o.size();
                }
                Some(_) => {
                    *slot = None;
                    self.free.push(i as Ref);
                    freed += 1;
                }
                None => {}
            }
        }
        self.used_bytes = used;
        self.allocated_since_gc = 0;
        freed
    }
}
