//! The interpreter loop: one explicit frame stack (no Rust recursion per Java call), so deep
//! Java recursion becomes `StackOverflowError` at a configured depth, not a host crash.

use std::rc::Rc;

use super::class::Resolved;
use super::heap::{Array, Native};
use super::value::{Ref, Value, NULL};
use super::{JResult, Throw, Vm};
use crate::classfile::{Constant, Insn, ACC_PRIVATE};

/// Outcome of one instruction.
enum Step {
    Continue,
    /// The frame at the loop's base returned this value.
    Done(Value),
}

macro_rules! pop {
    ($f:expr) => {
        $f.stack.pop().unwrap_or(Value::Top)
    };
}

fn java_name(internal: &str) -> String {
    internal.replace('/', ".")
}

impl Vm {
    /// Runs until the frame at depth `base` returns (its value) or an exception escapes it.
    pub(super) fn run(&mut self, base: usize) -> JResult<Value> {
        loop {
            match self.step(base) {
                Ok(Step::Continue) => {}
                Ok(Step::Done(v)) => return Ok(v),
                Err(Throw::Java(ex)) => self.unwind(ex, base)?,
                Err(fatal) => {
                    self.frames.truncate(base);
                    return Err(fatal);
                }
            }
        }
    }

    /// Finds a handler for `ex` in the frames above `base`; pops frames that have none.
    fn unwind(&mut self, ex: Ref, base: usize) -> JResult<()> {
        let ex_class = self.heap.get(ex).class;
        while self.frames.len() > base {
            let (code, pc, class) = {
                let f = self.frames.last().unwrap();
                (f.code.clone(), f.pc as u32, f.method.0)
            };
            for h in &code.handlers {
                if pc < h.start || pc >= h.end {
                    continue;
                }
                let matches = h.catch_type == 0 || {
                    let name = self
                        .class(class)
                        .file
                        .as_ref()
                        .and_then(|f| f.cp.class_name(h.catch_type).ok().cloned());
                    match name.map(|n| self.load_class(&n)) {
                        Some(Ok(c)) => self.is_subclass(ex_class, c),
                        _ => false,
                    }
                };
                if matches {
                    let f = self.frames.last_mut().unwrap();
                    f.stack.clear();
                    f.stack.push(Value::Ref(ex));
                    f.pc = h.handler as usize;
                    return Ok(());
                }
            }
            self.frames.pop();
        }
        Err(Throw::Java(ex))
    }

    /// A NullPointerException raised by the current instruction, with HotSpot's helpful
    /// message when the instruction and the null value's origin can be described.
    fn npe(&mut self, fallback: &str) -> Throw {
        let f = self.frames.last().unwrap();
        let (class, idx, pc, code) = (f.method.0, f.method.1, f.pc, f.code.clone());
        let msg = self.class(class).file.clone().and_then(|file| {
            let m = &self.class(class).methods[idx as usize];
            super::npe::message(&file, &code, m.is_static(), &m.desc, pc)
        });
        self.vm_error(
            "java/lang/NullPointerException",
            msg.as_deref().unwrap_or(fallback),
        )
    }

    fn check_index(&mut self, arr: Ref, index: i32) -> JResult<usize> {
        if arr == NULL {
            return Err(self.npe("Cannot load from array because it is null"));
        }
        let len = self.array(arr).map(|a| a.len()).unwrap_or(0);
        if index < 0 || index as usize >= len {
            let msg = format!("Index {index} out of bounds for length {len}");
            return Err(self.vm_error("java/lang/ArrayIndexOutOfBoundsException", &msg));
        }
        Ok(index as usize)
    }

    fn current_class(&self) -> u32 {
        self.frames.last().unwrap().method.0
    }

    fn cp_cache(&self, class: u32, idx: u16) -> Option<Resolved> {
        self.class(class).cache.get(idx as usize).copied().flatten()
    }

    fn set_cache(&mut self, class: u32, idx: u16, r: Resolved) {
        if let Some(slot) = self.class_mut(class).cache.get_mut(idx as usize) {
            *slot = Some(r);
        }
    }

    fn cp(&self, class: u32) -> Rc<crate::classfile::ClassFile> {
        self.class(class)
            .file
            .clone()
            .expect("bytecode runs only in classes loaded from class files")
    }

    pub(super) fn resolve_class(&mut self, class: u32, idx: u16) -> JResult<u32> {
        if let Some(Resolved::Class(c)) = self.cp_cache(class, idx) {
            return Ok(c);
        }
        let name = self
            .cp(class)
            .cp
            .class_name(idx)
            .map_err(|e| Throw::Fatal(e.to_string()))?
            .clone();
        let c = self.load_class(&name)?;
        self.set_cache(class, idx, Resolved::Class(c));
        Ok(c)
    }

    fn resolve_field(&mut self, class: u32, idx: u16, is_static: bool) -> JResult<Resolved> {
        if let Some(r) = self.cp_cache(class, idx) {
            return Ok(r);
        }
        let mref = self
            .cp(class)
            .cp
            .member_ref(idx)
            .map_err(|e| Throw::Fatal(e.to_string()))?;
        let owner = self.load_class(&mref.class)?;
        let r = if is_static {
            // The declaring class: the class itself, its superinterfaces, then superclasses.
            let mut found = None;
            let mut queue = vec![owner];
            let mut i = 0;
            while i < queue.len() {
                let c = queue[i];
                i += 1;
                if let Some(&s) = self.class(c).static_slots.get(&mref.name) {
                    found = Some(Resolved::StaticField(c, s));
                    break;
                }
                queue.extend(self.class(c).interfaces.iter().copied());
                queue.extend(self.class(c).super_id);
            }
            found
        } else {
            self.class(owner)
                .field_slots
                .get(&mref.name)
                .map(|&s| Resolved::InstanceField(s))
        };
        let Some(r) = r else {
            let msg = format!("{}.{}", java_name(&mref.class), mref.name);
            return Err(self.vm_error("java/lang/NoSuchFieldError", &msg));
        };
        self.set_cache(class, idx, r);
        Ok(r)
    }

    fn resolve_method_ref(&mut self, class: u32, idx: u16) -> JResult<super::class::MethodId> {
        if let Some(Resolved::Method(m)) = self.cp_cache(class, idx) {
            return Ok(m);
        }
        let mref = self
            .cp(class)
            .cp
            .member_ref(idx)
            .map_err(|e| Throw::Fatal(e.to_string()))?;
        let owner = self.load_class(&mref.class)?;
        let Some(m) = self.resolve_method(owner, &mref.name, &mref.desc) else {
            let msg = format!("'{} {}.{}'", mref.desc, java_name(&mref.class), mref.name);
            return Err(self.vm_error("java/lang/NoSuchMethodError", &msg));
        };
        self.set_cache(class, idx, Resolved::Method(m));
        Ok(m)
    }

    fn ldc(&mut self, class: u32, idx: u16) -> JResult<Value> {
        if let Some(Resolved::Object(r)) = self.cp_cache(class, idx) {
            return Ok(Value::Ref(r));
        }
        let file = self.cp(class);
        let v = match file.cp.get(idx).map_err(|e| Throw::Fatal(e.to_string()))? {
            Constant::Integer(i) => return Ok(Value::Int(*i)),
            Constant::Float(f) => return Ok(Value::Float(*f)),
            Constant::Long(l) => return Ok(Value::Long(*l)),
            Constant::Double(d) => return Ok(Value::Double(*d)),
            Constant::String(s) => {
                let units = file
                    .cp
                    .utf16(*s)
                    .map_err(|e| Throw::Fatal(e.to_string()))?
                    .clone();
                self.intern(units)
            }
            Constant::Class(_) => {
                let c = self.resolve_class(class, idx)?;
                self.mirror(c)?
            }
            other => {
                let msg = format!("ldc of {other:?} is not supported yet");
                return Err(self.vm_error("java/lang/UnsupportedOperationException", &msg));
            }
        };
        self.set_cache(class, idx, Resolved::Object(v));
        Ok(Value::Ref(v))
    }

    fn alloc_check(&mut self, bytes: usize) -> JResult<()> {
        self.maybe_gc();
        if self.heap.used_bytes + bytes > self.limits.heap_bytes {
            self.gc();
            if self.heap.used_bytes + bytes > self.limits.heap_bytes {
                return Err(self.out_of_memory());
            }
        }
        Ok(())
    }

    fn new_array_of(&mut self, array_class: &str, len: i32) -> JResult<Ref> {
        if len < 0 {
            return Err(self.vm_error("java/lang/NegativeArraySizeException", &len.to_string()));
        }
        self.alloc_check(len as usize * 4)?;
        self.new_array(array_class, len as usize)
    }

    fn multi_array(&mut self, class: &str, dims: &[i32]) -> JResult<Ref> {
        let arr = self.new_array_of(class, dims[0])?;
        if dims.len() > 1 {
            self.pin(arr);
            let inner = &class[1..];
            for i in 0..dims[0] as usize {
                let sub = self.multi_array(inner, &dims[1..]);
                let sub = match sub {
                    Ok(s) => s,
                    Err(e) => {
                        self.unpin();
                        return Err(e);
                    }
                };
                if let Some(Array::Ref(v)) = self.array_mut(arr) {
                    v[i] = sub;
                }
            }
            self.unpin();
        }
        Ok(arr)
    }

    /// Pops the call's arguments and starts it; pushes natives' results immediately.
    fn do_invoke(&mut self, m: super::class::MethodId) -> JResult<Step> {
        let (n, ret) = {
            let meth = self.method(m);
            (meth.params.len() + usize::from(!meth.is_static()), meth.ret)
        };
        let f = self.frames.last_mut().unwrap();
        let at = f.stack.len().saturating_sub(n);
        let args = f.stack.split_off(at);
        let base_len = self.frames.len();
        if let Some(v) = self.enter(m, args)? {
            let f = &mut self.frames[base_len - 1];
            if ret != b'V' {
                f.stack.push(v);
            }
            f.pc += 1;
        }
        Ok(Step::Continue)
    }

    fn step(&mut self, base: usize) -> JResult<Step> {
        let fi = self.frames.len() - 1;
        let code = self.frames[fi].code.clone();
        let pc = self.frames[fi].pc;
        let Some(insn) = code.insns.get(pc) else {
            return Err(Throw::Fatal("fell off the end of the code".into()));
        };
        match insn {
            Insn::Simple(op) => return self.simple(*op, base),
            Insn::Push(v) => self.frames[fi].stack.push(Value::Int(*v)),
            Insn::Ldc(idx) | Insn::Ldc2(idx) => {
                let class = self.current_class();
                let v = self.ldc(class, *idx)?;
                self.frames[fi].stack.push(v);
            }
            Insn::Load(_, idx) => {
                let f = &mut self.frames[fi];
                let v = f.locals[*idx as usize];
                f.stack.push(v);
            }
            Insn::Store(_, idx) => {
                let f = &mut self.frames[fi];
                let v = pop!(f);
                let i = *idx as usize;
                if i + 1 >= f.locals.len() && v.is_wide() {
                    f.locals.resize(i + 2, Value::Top);
                }
                f.locals[i] = v;
                if v.is_wide() {
                    f.locals[i + 1] = Value::Top;
                }
            }
            Insn::Iinc(idx, delta) => {
                let f = &mut self.frames[fi];
                let i = *idx as usize;
                f.locals[i] = Value::Int(f.locals[i].int().wrapping_add(*delta));
            }
            Insn::If(op, target) => {
                let f = &mut self.frames[fi];
                let taken = match op {
                    0x99..=0x9e => {
                        let v = pop!(f).int();
                        match op {
                            0x99 => v == 0,
                            0x9a => v != 0,
                            0x9b => v < 0,
                            0x9c => v >= 0,
                            0x9d => v > 0,
                            _ => v <= 0,
                        }
                    }
                    0x9f..=0xa4 => {
                        let b = pop!(f).int();
                        let a = pop!(f).int();
                        match op {
                            0x9f => a == b,
                            0xa0 => a != b,
                            0xa1 => a < b,
                            0xa2 => a >= b,
                            0xa3 => a > b,
                            _ => a <= b,
                        }
                    }
                    0xa5 | 0xa6 => {
                        let b = pop!(f).reference();
                        let a = pop!(f).reference();
                        (a == b) == (*op == 0xa5)
                    }
                    0xc6 => pop!(f).reference() == NULL,
                    _ => pop!(f).reference() != NULL,
                };
                f.pc = if taken { *target as usize } else { pc + 1 };
                return Ok(Step::Continue);
            }
            Insn::Goto(target) => {
                self.frames[fi].pc = *target as usize;
                return Ok(Step::Continue);
            }
            Insn::TableSwitch {
                default,
                low,
                targets,
            } => {
                let f = &mut self.frames[fi];
                let k = pop!(f).int();
                let i = k as i64 - *low as i64;
                f.pc = if i >= 0 && (i as usize) < targets.len() {
                    targets[i as usize]
                } else {
                    *default
                } as usize;
                return Ok(Step::Continue);
            }
            Insn::LookupSwitch { default, pairs } => {
                let f = &mut self.frames[fi];
                let k = pop!(f).int();
                f.pc = pairs
                    .iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, t)| *t)
                    .unwrap_or(*default) as usize;
                return Ok(Step::Continue);
            }
            Insn::Field(op, idx) => {
                let class = self.current_class();
                match op {
                    0xb2 | 0xb3 => {
                        let Resolved::StaticField(c, slot) =
                            self.resolve_field(class, *idx, true)?
                        else {
                            return Err(Throw::Fatal("static field resolved as instance".into()));
                        };
                        self.ensure_init(c)?;
                        let f = &mut self.frames[fi];
                        if *op == 0xb2 {
                            let v = self.classes[c as usize].statics[slot as usize];
                            f.stack.push(v);
                        } else {
                            let v = pop!(f);
                            self.classes[c as usize].statics[slot as usize] = v;
                        }
                    }
                    _ => {
                        let Resolved::InstanceField(slot) =
                            self.resolve_field(class, *idx, false)?
                        else {
                            return Err(Throw::Fatal("instance field resolved as static".into()));
                        };
                        let f = &mut self.frames[fi];
                        if *op == 0xb4 {
                            let obj = pop!(f).reference();
                            if obj == NULL {
                                let name = self.field_name(class, *idx);
                                return Err(self.npe(&format!(
                                    "Cannot read field \"{name}\" because value is null"
                                )));
                            }
                            let v = self.heap.get(obj).fields[slot as usize];
                            self.frames[fi].stack.push(v);
                        } else {
                            let v = pop!(f);
                            let obj = pop!(f).reference();
                            if obj == NULL {
                                let name = self.field_name(class, *idx);
                                return Err(self.npe(&format!(
                                    "Cannot assign field \"{name}\" because value is null"
                                )));
                            }
                            self.heap.get_mut(obj).fields[slot as usize] = v;
                        }
                    }
                }
            }
            Insn::Invoke(op, idx) => {
                let class = self.current_class();
                let m = self.resolve_method_ref(class, *idx)?;
                match op {
                    0xb8 => {
                        self.ensure_init(m.0)?;
                        return self.do_invoke(m);
                    }
                    0xb7 => return self.do_invoke(m),
                    _ => {
                        let (name, desc, nparams, private) = {
                            let meth = self.method(m);
                            (
                                meth.name.clone(),
                                meth.desc.clone(),
                                meth.params.len(),
                                meth.access & ACC_PRIVATE != 0,
                            )
                        };
                        let f = &self.frames[fi];
                        let recv = f
                            .stack
                            .get(f.stack.len().wrapping_sub(nparams + 1))
                            .copied()
                            .unwrap_or(Value::NULL)
                            .reference();
                        if recv == NULL {
                            let owner = java_name(&self.class(m.0).name).replace("java.lang.", "");
                            return Err(self.npe(&format!(
                                "Cannot invoke \"{owner}.{name}()\" because value is null"
                            )));
                        }
                        if private {
                            return self.do_invoke(m);
                        }
                        let rc = self.heap.get(recv).class;
                        if let Some(Some((c, target))) =
                            self.class(class).inline_cache.get(*idx as usize)
                        {
                            if *c == rc {
                                let target = *target;
                                return self.do_invoke(target);
                            }
                        }
                        let Some(target) = self.select_virtual(rc, &name, &desc) else {
                            let msg = format!("{}.{name}{desc}", self.class(rc).java_name());
                            return Err(self.vm_error("java/lang/AbstractMethodError", &msg));
                        };
                        if let Some(slot) =
                            self.class_mut(class).inline_cache.get_mut(*idx as usize)
                        {
                            *slot = Some((rc, target));
                        }
                        return self.do_invoke(target);
                    }
                }
            }
            Insn::InvokeDynamic(idx) => {
                let class = self.current_class();
                super::indy::invokedynamic(self, class, *idx)?;
            }
            Insn::New(idx) => {
                let class = self.current_class();
                let c = self.resolve_class(class, *idx)?;
                if self.class(c).is_interface()
                    || self.class(c).access & crate::classfile::ACC_ABSTRACT != 0
                {
                    let msg = self.class(c).java_name();
                    return Err(self.vm_error("java/lang/InstantiationError", &msg));
                }
                self.ensure_init(c)?;
                self.alloc_check(64)?;
                let obj = self.new_object(c)?;
                self.frames[fi].stack.push(Value::Ref(obj));
            }
            Insn::NewArray(t) => {
                let len = pop!(self.frames[fi]).int();
                let name = match t {
                    4 => "[Z",
                    5 => "[C",
                    6 => "[F",
                    7 => "[D",
                    8 => "[B",
                    9 => "[S",
                    10 => "[I",
                    _ => "[J",
                };
                let arr = self.new_array_of(name, len)?;
                self.frames[fi].stack.push(Value::Ref(arr));
            }
            Insn::ANewArray(idx) => {
                let class = self.current_class();
                let c = self.resolve_class(class, *idx)?;
                let comp = self.class(c).name.clone();
                let name = if comp.starts_with('[') {
                    format!("[{comp}")
                } else {
                    format!("[L{comp};")
                };
                let len = pop!(self.frames[fi]).int();
                let arr = self.new_array_of(&name, len)?;
                self.frames[fi].stack.push(Value::Ref(arr));
            }
            Insn::MultiANewArray(idx, dims) => {
                let class = self.current_class();
                let c = self.resolve_class(class, *idx)?;
                let name = self.class(c).name.clone();
                let f = &mut self.frames[fi];
                let at = f.stack.len().saturating_sub(*dims as usize);
                let counts: Vec<i32> = f.stack.split_off(at).iter().map(|v| v.int()).collect();
                if let Some(&neg) = counts.iter().find(|&&n| n < 0) {
                    return Err(
                        self.vm_error("java/lang/NegativeArraySizeException", &neg.to_string())
                    );
                }
                let arr = self.multi_array(&name, &counts)?;
                self.frames[fi].stack.push(Value::Ref(arr));
            }
            Insn::CheckCast(idx) | Insn::InstanceOf(idx) => {
                let class = self.current_class();
                let c = self.resolve_class(class, *idx)?;
                let obj = pop!(self.frames[fi]).reference();
                let ok = obj != NULL && self.is_subclass(self.heap.get(obj).class, c);
                if matches!(insn, Insn::InstanceOf(_)) {
                    self.frames[fi].stack.push(Value::Int(ok as i32));
                } else if obj == NULL || ok {
                    self.frames[fi].stack.push(Value::Ref(obj));
                } else {
                    let from = self.class(self.heap.get(obj).class).java_name();
                    let to = self.class(c).java_name();
                    let msg = cast_message(&from, &to);
                    return Err(self.vm_error("java/lang/ClassCastException", &msg));
                }
            }
        }
        self.frames[fi].pc = pc + 1;
        Ok(Step::Continue)
    }

    fn field_name(&self, class: u32, idx: u16) -> String {
        self.cp(class)
            .cp
            .member_ref(idx)
            .map(|m| m.name.to_string())
            .unwrap_or_default()
    }

    fn simple(&mut self, op: u8, base: usize) -> JResult<Step> {
        let fi = self.frames.len() - 1;
        let f = &mut self.frames[fi];
        let s = &mut f.stack;
        macro_rules! bin {
            ($get:ident, $ctor:ident, |$a:ident, $b:ident| $e:expr) => {{
                let $b = s.pop().unwrap_or(Value::Top).$get();
                let $a = s.pop().unwrap_or(Value::Top).$get();
                s.push(Value::$ctor($e));
            }};
        }
        macro_rules! un {
            ($get:ident, $ctor:ident, |$a:ident| $e:expr) => {{
                let $a = s.pop().unwrap_or(Value::Top).$get();
                s.push(Value::$ctor($e));
            }};
        }
        match op {
            0x00 => {}
            0x01 => s.push(Value::NULL),
            0x09 | 0x0a => s.push(Value::Long((op - 0x09) as i64)),
            0x0b..=0x0d => s.push(Value::Float((op - 0x0b) as f32)),
            0x0e | 0x0f => s.push(Value::Double((op - 0x0e) as f64)),
            0x2e..=0x35 => {
                let index = s.pop().unwrap_or(Value::Top).int();
                let arr = s.pop().unwrap_or(Value::Top).reference();
                let i = self.check_index(arr, index)?;
                let v = self.array(arr).map(|a| a.get(i)).unwrap_or(Value::Top);
                self.frames[fi].stack.push(v);
            }
            0x4f..=0x56 => {
                let v = s.pop().unwrap_or(Value::Top);
                let index = s.pop().unwrap_or(Value::Top).int();
                let arr = s.pop().unwrap_or(Value::Top).reference();
                let i = self.check_index(arr, index)?;
                if op == 0x53 && v.reference() != NULL {
                    let ac = self.heap.get(arr).class;
                    if let Some(super::class::Elem::Ref(ec)) = self.class(ac).elem {
                        let vc = self.heap.get(v.reference()).class;
                        if !self.is_subclass(vc, ec) {
                            let msg = self.class(vc).java_name();
                            return Err(self.vm_error("java/lang/ArrayStoreException", &msg));
                        }
                    }
                }
                if let Some(a) = self.array_mut(arr) {
                    a.set(i, v);
                }
            }
            0x57 => {
                s.pop();
            }
            0x58 => {
                if !s.pop().is_some_and(|v| v.is_wide()) {
                    s.pop();
                }
            }
            0x59 => {
                let v = *s.last().unwrap_or(&Value::Top);
                s.push(v);
            }
            0x5a => {
                let v1 = pop!(f);
                let v2 = pop!(f);
                f.stack.extend([v1, v2, v1]);
            }
            0x5b => {
                let v1 = pop!(f);
                let v2 = pop!(f);
                if v2.is_wide() {
                    f.stack.extend([v1, v2, v1]);
                } else {
                    let v3 = pop!(f);
                    f.stack.extend([v1, v3, v2, v1]);
                }
            }
            0x5c => {
                let v1 = pop!(f);
                if v1.is_wide() {
                    f.stack.extend([v1, v1]);
                } else {
                    let v2 = pop!(f);
                    f.stack.extend([v2, v1, v2, v1]);
                }
            }
            0x5d => {
                let v1 = pop!(f);
                if v1.is_wide() {
                    let v2 = pop!(f);
                    f.stack.extend([v1, v2, v1]);
                } else {
                    let v2 = pop!(f);
                    let v3 = pop!(f);
                    f.stack.extend([v2, v1, v3, v2, v1]);
                }
            }
            0x5e => {
                let v1 = pop!(f);
                if v1.is_wide() {
                    let v2 = pop!(f);
                    if v2.is_wide() {
                        f.stack.extend([v1, v2, v1]);
                    } else {
                        let v3 = pop!(f);
                        f.stack.extend([v1, v3, v2, v1]);
                    }
                } else {
                    let v2 = pop!(f);
                    let v3 = pop!(f);
                    if v3.is_wide() {
                        f.stack.extend([v2, v1, v3, v2, v1]);
                    } else {
                        let v4 = pop!(f);
                        f.stack.extend([v2, v1, v4, v3, v2, v1]);
                    }
                }
            }
            0x5f => {
                let v1 = pop!(f);
                let v2 = pop!(f);
                f.stack.extend([v1, v2]);
            }
            0x60 => bin!(int, Int, |a, b| a.wrapping_add(b)),
            0x61 => bin!(long, Long, |a, b| a.wrapping_add(b)),
            0x62 => bin!(float, Float, |a, b| a + b),
            0x63 => bin!(double, Double, |a, b| a + b),
            0x64 => bin!(int, Int, |a, b| a.wrapping_sub(b)),
            0x65 => bin!(long, Long, |a, b| a.wrapping_sub(b)),
            0x66 => bin!(float, Float, |a, b| a - b),
            0x67 => bin!(double, Double, |a, b| a - b),
            0x68 => bin!(int, Int, |a, b| a.wrapping_mul(b)),
            0x69 => bin!(long, Long, |a, b| a.wrapping_mul(b)),
            0x6a => bin!(float, Float, |a, b| a * b),
            0x6b => bin!(double, Double, |a, b| a * b),
            0x6c | 0x70 => {
                let b = pop!(f).int();
                let a = pop!(f).int();
                if b == 0 {
                    return Err(self.vm_error("java/lang/ArithmeticException", "/ by zero"));
                }
                f.stack.push(Value::Int(if op == 0x6c {
                    a.wrapping_div(b)
                } else {
                    a.wrapping_rem(b)
                }));
            }
            0x6d | 0x71 => {
                let b = pop!(f).long();
                let a = pop!(f).long();
                if b == 0 {
                    return Err(self.vm_error("java/lang/ArithmeticException", "/ by zero"));
                }
                f.stack.push(Value::Long(if op == 0x6d {
                    a.wrapping_div(b)
                } else {
                    a.wrapping_rem(b)
                }));
            }
            0x6e => bin!(float, Float, |a, b| a / b),
            0x6f => bin!(double, Double, |a, b| a / b),
            0x72 => bin!(float, Float, |a, b| a % b),
            0x73 => bin!(double, Double, |a, b| a % b),
            0x74 => un!(int, Int, |a| a.wrapping_neg()),
            0x75 => un!(long, Long, |a| a.wrapping_neg()),
            0x76 => un!(float, Float, |a| -a),
            0x77 => un!(double, Double, |a| -a),
            0x78 => bin!(int, Int, |a, b| a.wrapping_shl((b & 31) as u32)),
            0x79 => {
                let b = pop!(f).int();
                let a = pop!(f).long();
                f.stack.push(Value::Long(a.wrapping_shl((b & 63) as u32)));
            }
            0x7a => bin!(int, Int, |a, b| a.wrapping_shr((b & 31) as u32)),
            0x7b => {
                let b = pop!(f).int();
                let a = pop!(f).long();
                f.stack.push(Value::Long(a.wrapping_shr((b & 63) as u32)));
            }
            0x7c => bin!(int, Int, |a, b| ((a as u32) >> (b & 31)) as i32),
            0x7d => {
                let b = pop!(f).int();
                let a = pop!(f).long();
                f.stack.push(Value::Long(((a as u64) >> (b & 63)) as i64));
            }
            0x7e => bin!(int, Int, |a, b| a & b),
            0x7f => bin!(long, Long, |a, b| a & b),
            0x80 => bin!(int, Int, |a, b| a | b),
            0x81 => bin!(long, Long, |a, b| a | b),
            0x82 => bin!(int, Int, |a, b| a ^ b),
            0x83 => bin!(long, Long, |a, b| a ^ b),
            0x85 => un!(int, Long, |a| a as i64),
            0x86 => un!(int, Float, |a| a as f32),
            0x87 => un!(int, Double, |a| a as f64),
            0x88 => un!(long, Int, |a| a as i32),
            0x89 => un!(long, Float, |a| a as f32),
            0x8a => un!(long, Double, |a| a as f64),
            0x8b => un!(float, Int, |a| a as i32),
            0x8c => un!(float, Long, |a| a as i64),
            0x8d => un!(float, Double, |a| a as f64),
            0x8e => un!(double, Int, |a| a as i32),
            0x8f => un!(double, Long, |a| a as i64),
            0x90 => un!(double, Float, |a| a as f32),
            0x91 => un!(int, Int, |a| a as i8 as i32),
            0x92 => un!(int, Int, |a| a as u16 as i32),
            0x93 => un!(int, Int, |a| a as i16 as i32),
            0x94 => bin!(long, Int, |a, b| (a > b) as i32 - (a < b) as i32),
            0x95 | 0x96 => {
                let b = pop!(f).float();
                let a = pop!(f).float();
                f.stack
                    .push(Value::Int(fcmp(a as f64, b as f64, op == 0x96)));
            }
            0x97 | 0x98 => {
                let b = pop!(f).double();
                let a = pop!(f).double();
                f.stack.push(Value::Int(fcmp(a, b, op == 0x98)));
            }
            0xac..=0xb1 => {
                let v = if op == 0xb1 { Value::Top } else { pop!(f) };
                self.frames.pop();
                if self.frames.len() == base {
                    return Ok(Step::Done(v));
                }
                let caller = self.frames.last_mut().unwrap();
                if op != 0xb1 {
                    caller.stack.push(v);
                }
                caller.pc += 1;
                return Ok(Step::Continue);
            }
            0xbe => {
                let arr = pop!(f).reference();
                if arr == NULL {
                    return Err(self.npe("Cannot read the array length because value is null"));
                }
                let n = self.array(arr).map(|a| a.len()).unwrap_or(0);
                self.frames[fi].stack.push(Value::Int(n as i32));
            }
            0xbf => {
                let ex = pop!(f).reference();
                if ex == NULL {
                    return Err(self.npe("Cannot throw exception because value is null"));
                }
                return Err(Throw::Java(ex));
            }
            0xc2 | 0xc3 => {
                // Single-threaded: monitors only need the null check.
                if pop!(f).reference() == NULL {
                    return Err(self.npe(""));
                }
            }
            _ => {
                return Err(Throw::Fatal(format!(
                    "opcode 0x{op:02x} is not implemented"
                )))
            }
        }
        self.frames[fi].pc += 1;
        Ok(Step::Continue)
    }
}

/// HotSpot's ClassCastException message, including where each class was loaded from.
fn cast_message(from: &str, to: &str) -> String {
    let place = |c: &str| {
        if c.starts_with("java.") || c.starts_with("[Ljava.") {
            "module java.base of loader 'bootstrap'"
        } else {
            "unnamed module of loader 'app'"
        }
    };
    let (pf, pt) = (place(from), place(to));
    let detail = if pf == pt {
        format!("{from} and {to} are in {pf}")
    } else {
        format!("{from} is in {pf}; {to} is in {pt}")
    };
    format!("class {from} cannot be cast to class {to} ({detail})")
}

/// fcmpl/fcmpg/dcmpl/dcmpg: NaN gives -1 (l) or 1 (g).
fn fcmp(a: f64, b: f64, nan_is_greater: bool) -> i32 {
    if a.is_nan() || b.is_nan() {
        if nan_is_greater {
            1
        } else {
            -1
        }
    } else {
        (a > b) as i32 - (a < b) as i32
    }
}

#[allow(dead_code)]
fn _unused(_: Native) {}
