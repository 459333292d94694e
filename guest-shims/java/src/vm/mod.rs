//! The virtual machine: class loading and linking, resolution, initialisation, the frame
//! stack and exceptions. The interpreter loop is in `interp`, natives in `natives`,
//! invokedynamic bootstraps in `indy`.

pub mod class;
pub mod heap;
mod indy;
mod interp;
pub mod natives;
mod npe;
pub mod strings;
pub mod value;

use std::collections::HashMap;
use std::rc::Rc;

use crate::classfile::{ClassFile, Code, Constant, ACC_NATIVE, ACC_PRIVATE, ACC_STATIC};
use crate::classpath::ClassPath;
use class::{Body, Class, Elem, InitState, Method, MethodId};
use heap::{ClassId, Heap, Native, TraceFrame};
use value::{parse_method_desc, Ref, Value, NULL};

/// How a call left the interpreter: a Java exception (catchable) or an internal VM failure.
#[derive(Debug, Clone)]
pub enum Throw {
    Java(Ref),
    Fatal(String),
}

pub type JResult<T> = Result<T, Throw>;

pub struct Frame {
    pub method: MethodId,
    pub code: Rc<Code>,
    pub pc: usize,
    pub locals: Vec<Value>,
    pub stack: Vec<Value>,
}

pub struct Limits {
    /// Java frames before `StackOverflowError`.
    pub max_depth: usize,
    /// Approximate live heap bytes before `OutOfMemoryError`.
    pub heap_bytes: usize,
    /// Collect at every allocation safepoint (tests: shakes out unrooted references).
    pub gc_stress: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 2500,
            heap_bytes: 256 << 20,
            gc_stress: false,
        }
    }
}

pub struct Vm {
    pub classes: Vec<Class>,
    by_name: HashMap<Rc<str>, ClassId>,
    classpath: ClassPath,
    pub heap: Heap,
    interned: HashMap<Rc<[u16]>, Ref>,
    pub frames: Vec<Frame>,
    natives: HashMap<String, natives::NativeFn>,
    pub limits: Limits,
    /// References held by Rust code across calls back into Java (GC roots).
    pinned: Vec<Ref>,
    indy: indy::Sites,
    /// Sink for System.out / System.err / the Lambda logger (one string per write).
    pub log: Box<dyn FnMut(&str)>,
    /// Blocks for the given milliseconds (Thread.sleep): host.sleep-ms in the component.
    pub sleep: Box<dyn FnMut(u64)>,
    /// Performs the handler's HTTP requests (java.net.http): host.http-request in the component.
    pub http: natives::net::HttpFn,
    /// Files the handler has open (java.io / java.nio.file streams).
    pub files: natives::fs::OpenFiles,
    /// Preallocated so that running out of memory never needs memory.
    oom: Ref,
    gc_threshold: usize,
}

/// Internal names whose absence means "our class library does not have it yet".
fn is_platform_class(name: &str) -> bool {
    ["java/", "javax/", "jdk/", "sun/", "com/sun/"]
        .iter()
        .any(|p| name.starts_with(p))
}

impl Vm {
    pub fn new(classpath: ClassPath, limits: Limits) -> JResult<Vm> {
        let mut vm = Vm {
            classes: Vec::new(),
            by_name: HashMap::new(),
            classpath,
            heap: Heap::default(),
            interned: HashMap::new(),
            frames: Vec::new(),
            natives: natives::table(),
            limits,
            pinned: Vec::new(),
            indy: indy::Sites::default(),
            log: Box::new(|s| eprint!("{s}")),
            sleep: Box::new(|ms| std::thread::sleep(std::time::Duration::from_millis(ms))),
            http: natives::net::no_network(),
            files: Default::default(),
            oom: NULL,
            gc_threshold: 8 << 20,
        };
        let object = vm.load_class("java/lang/Object")?;
        vm.ensure_init(object)?;
        let string = vm.load_class("java/lang/String")?;
        vm.ensure_init(string)?;
        let oom_class = vm.load_class("java/lang/OutOfMemoryError")?;
        vm.oom = vm.new_object(oom_class)?;
        let msg = vm.intern_str("Java heap space");
        vm.set_field(vm.oom, "detailMessage", Value::Ref(msg));
        let sys = vm.load_class("java/lang/System")?;
        vm.ensure_init(sys)?;
        Ok(vm)
    }

    // ---------------------------------------------------------------- loading

    pub fn class(&self, id: ClassId) -> &Class {
        &self.classes[id as usize]
    }

    pub fn class_mut(&mut self, id: ClassId) -> &mut Class {
        &mut self.classes[id as usize]
    }

    pub fn class_by_name(&self, name: &str) -> Option<ClassId> {
        self.by_name.get(name).copied()
    }

    pub fn load_class(&mut self, name: &str) -> JResult<ClassId> {
        if let Some(&id) = self.by_name.get(name) {
            return Ok(id);
        }
        if let Some(component) = name.strip_prefix('[') {
            return self.load_array_class(name, component);
        }
        let bytes = match self.classpath.find(name) {
            Ok(Some(b)) => b,
            Ok(None) => {
                let dotted = name.replace('/', ".");
                let msg = if is_platform_class(name) {
                    format!("{dotted} is not supported yet by the lambdabox Java class library")
                } else {
                    dotted
                };
                return Err(self.vm_error("java/lang/NoClassDefFoundError", &msg));
            }
            Err(e) => return Err(self.vm_error("java/lang/NoClassDefFoundError", &e.to_string())),
        };
        let file = ClassFile::parse(&bytes).map_err(|e| {
            self.vm_error(
                "java/lang/ClassFormatError",
                &format!("{}: {e}", name.replace('/', ".")),
            )
        })?;
        if &*file.name != name {
            return Err(self.vm_error(
                "java/lang/NoClassDefFoundError",
                &format!(
                    "{} (wrong name: {})",
                    name.replace('/', "."),
                    file.name.replace('/', ".")
                ),
            ));
        }
        self.link(Rc::new(file))
    }

    fn load_array_class(&mut self, name: &str, component: &str) -> JResult<ClassId> {
        let elem = match component.as_bytes().first() {
            Some(b'L') => {
                let inner = component.get(1..component.len() - 1).unwrap_or("");
                Elem::Ref(self.load_class(inner)?)
            }
            Some(b'[') => Elem::Ref(self.load_class(component)?),
            Some(&p) if b"ZBCSIJFD".contains(&p) && component.len() == 1 => Elem::Prim(p),
            _ => return Err(self.vm_error("java/lang/NoClassDefFoundError", name)),
        };
        let object = self.load_class("java/lang/Object")?;
        let cloneable = self.load_class("java/lang/Cloneable")?;
        let serializable = self.load_class("java/io/Serializable")?;
        let id = self.classes.len() as ClassId;
        let name: Rc<str> = name.into();
        self.classes.push(Class {
            id,
            name: name.clone(),
            access: crate::classfile::ACC_PUBLIC | crate::classfile::ACC_FINAL,
            file: None,
            super_id: Some(object),
            interfaces: vec![cloneable, serializable],
            methods: vec![],
            method_index: HashMap::new(),
            field_slots: HashMap::new(),
            field_descs: vec![],
            static_slots: HashMap::new(),
            statics: vec![],
            init: InitState::Done,
            elem: Some(elem),
            cache: vec![],
            inline_cache: vec![],
            vtable: HashMap::new(),
            mirror: None,
        });
        self.by_name.insert(name, id);
        Ok(id)
    }

    fn link(&mut self, file: Rc<ClassFile>) -> JResult<ClassId> {
        let super_id = match &file.super_name {
            Some(s) => Some(self.load_class(s)?),
            None => None,
        };
        let mut interfaces = Vec::new();
        for i in &file.interfaces {
            interfaces.push(self.load_class(i)?);
        }
        let (mut field_slots, mut field_descs) = match super_id {
            Some(s) => (
                self.class(s).field_slots.clone(),
                self.class(s).field_descs.clone(),
            ),
            None => (HashMap::new(), Vec::new()),
        };
        let mut static_slots = HashMap::new();
        let mut statics = Vec::new();
        for f in &file.fields {
            if f.access & ACC_STATIC != 0 {
                static_slots.insert(f.name.clone(), statics.len() as u16);
                statics.push(Value::default_for(&f.desc));
            } else {
                field_slots.insert(f.name.clone(), field_descs.len() as u16);
                field_descs.push(f.desc.clone());
            }
        }
        let mut methods = Vec::new();
        for m in &file.methods {
            let (params, ret) = parse_method_desc(&m.desc).ok_or_else(|| {
                self.vm_error(
                    "java/lang/ClassFormatError",
                    &format!("bad descriptor {}", m.desc),
                )
            })?;
            let body = if let Some(code) = &m.code {
                Body::Bytecode(code.clone())
            } else if m.access & ACC_NATIVE != 0 {
                match self
                    .natives
                    .get(&format!("{}.{}{}", file.name, m.name, m.desc))
                {
                    Some(f) => Body::Native(*f),
                    None => Body::MissingNative,
                }
            } else {
                Body::Abstract
            };
            methods.push(Method {
                name: m.name.clone(),
                desc: m.desc.clone(),
                access: m.access,
                body,
                params: params.iter().map(|p| p.as_bytes()[0]).collect(),
                ret: ret.as_bytes()[0],
                signature: m.signature.clone(),
            });
        }
        let id = self.classes.len() as ClassId;
        let cp_len = file.cp.len();
        self.classes.push(Class {
            id,
            name: file.name.clone(),
            access: file.access,
            file: Some(file.clone()),
            super_id,
            interfaces,
            methods,
            method_index: HashMap::new(),
            field_slots,
            field_descs,
            static_slots,
            statics,
            init: InitState::Uninitialized,
            elem: None,
            cache: vec![None; cp_len],
            inline_cache: vec![None; cp_len],
            vtable: HashMap::new(),
            mirror: None,
        });
        self.by_name.insert(file.name.clone(), id);
        // ConstantValue attributes (static finals): values known at link time.
        for f in &file.fields {
            if let (Some(cv), true) = (f.constant_value, f.access & ACC_STATIC != 0) {
                let v = match file.cp.get(cv) {
                    Ok(Constant::Integer(i)) => Value::Int(*i),
                    Ok(Constant::Long(l)) => Value::Long(*l),
                    Ok(Constant::Float(x)) => Value::Float(*x),
                    Ok(Constant::Double(x)) => Value::Double(*x),
                    Ok(Constant::String(s)) => {
                        let units = file
                            .cp
                            .utf16(*s)
                            .map_err(|e| Throw::Fatal(e.to_string()))?
                            .clone();
                        Value::Ref(self.intern(units))
                    }
                    _ => continue,
                };
                let slot = self.class(id).static_slots[&f.name];
                self.class_mut(id).statics[slot as usize] = v;
            }
        }
        Ok(id)
    }

    // ---------------------------------------------------------------- initialisation

    /// Runs static initialisation (JVMS 5.5): superclass first, then `<clinit>`.
    pub fn ensure_init(&mut self, id: ClassId) -> JResult<()> {
        match self.class(id).init {
            InitState::Done | InitState::InProgress => return Ok(()),
            InitState::Failed => {
                let msg = format!("Could not initialize class {}", self.class(id).java_name());
                return Err(self.vm_error("java/lang/NoClassDefFoundError", &msg));
            }
            InitState::Uninitialized => {}
        }
        self.class_mut(id).init = InitState::InProgress;
        if !self.class(id).is_interface() {
            if let Some(s) = self.class(id).super_id {
                if let Err(e) = self.ensure_init(s) {
                    self.class_mut(id).init = InitState::Failed;
                    return Err(e);
                }
            }
        }
        if let Some(idx) = self.class(id).find_method("<clinit>", "()V") {
            if let Err(e) = self.invoke((id, idx), &[]) {
                self.class_mut(id).init = InitState::Failed;
                return Err(match e {
                    Throw::Java(ex) if !self.instance_of_name(ex, "java/lang/Error") => {
                        let wrapper = self.load_class("java/lang/ExceptionInInitializerError")?;
                        let w = self.new_object(wrapper)?;
                        self.pinned.push(w);
                        let r = self.call_init(w, "(Ljava/lang/Throwable;)V", &[Value::Ref(ex)]);
                        self.pinned.pop();
                        r?;
                        Throw::Java(w)
                    }
                    other => other,
                });
            }
        }
        self.class_mut(id).init = InitState::Done;
        Ok(())
    }

    // ---------------------------------------------------------------- objects

    pub fn new_object(&mut self, class: ClassId) -> JResult<Ref> {
        let fields = self
            .class(class)
            .field_descs
            .iter()
            .map(|d| Value::default_for(d))
            .collect();
        Ok(self.heap.alloc(class, fields, Native::None))
    }

    pub fn new_array(&mut self, array_class: &str, len: usize) -> JResult<Ref> {
        let id = self.load_class(array_class)?;
        let elem = array_class.as_bytes()[1];
        Ok(self
            .heap
            .alloc(id, vec![], Native::Array(heap::Array::new(elem, len))))
    }

    pub fn array(&self, r: Ref) -> Option<&heap::Array> {
        match &self.heap.get(r).native {
            Native::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn array_mut(&mut self, r: Ref) -> Option<&mut heap::Array> {
        match &mut self.heap.get_mut(r).native {
            Native::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn field_slot(&self, obj: Ref, name: &str) -> Option<usize> {
        let class = self.heap.get(obj).class;
        self.class(class).field_slots.get(name).map(|&s| s as usize)
    }

    pub fn get_field(&self, obj: Ref, name: &str) -> Value {
        match self.field_slot(obj, name) {
            Some(s) => self.heap.get(obj).fields[s],
            None => Value::NULL,
        }
    }

    pub fn set_field(&mut self, obj: Ref, name: &str, v: Value) {
        if let Some(s) = self.field_slot(obj, name) {
            self.heap.get_mut(obj).fields[s] = v;
        }
    }

    pub fn get_static(&mut self, class: &str, name: &str) -> JResult<Value> {
        let id = self.load_class(class)?;
        self.ensure_init(id)?;
        let slot = self.class(id).static_slots.get(name).copied();
        Ok(slot
            .map(|s| self.class(id).statics[s as usize])
            .unwrap_or(Value::NULL))
    }

    /// The `java.lang.Class` mirror of a class, created on first use.
    pub fn mirror(&mut self, id: ClassId) -> JResult<Ref> {
        if let Some(m) = self.class(id).mirror {
            return Ok(m);
        }
        let cls = self.load_class("java/lang/Class")?;
        let fields = self
            .class(cls)
            .field_descs
            .iter()
            .map(|d| Value::default_for(d))
            .collect();
        let m = self.heap.alloc(cls, fields, Native::Class(id));
        self.class_mut(id).mirror = Some(m);
        Ok(m)
    }

    // ---------------------------------------------------------------- type checks

    pub fn is_subclass(&self, from: ClassId, to: ClassId) -> bool {
        if from == to {
            return true;
        }
        let f = self.class(from);
        let t = self.class(to);
        if let (Some(fe), Some(te)) = (f.elem, t.elem) {
            return match (fe, te) {
                (Elem::Prim(a), Elem::Prim(b)) => a == b,
                (Elem::Ref(a), Elem::Ref(b)) => self.is_subclass(a, b),
                _ => false,
            };
        }
        if t.is_interface() {
            let mut c = Some(from);
            while let Some(id) = c {
                if self.implements(id, to) {
                    return true;
                }
                c = self.class(id).super_id;
            }
            return false;
        }
        let mut c = f.super_id;
        while let Some(id) = c {
            if id == to {
                return true;
            }
            c = self.class(id).super_id;
        }
        false
    }

    fn implements(&self, class: ClassId, iface: ClassId) -> bool {
        self.class(class)
            .interfaces
            .iter()
            .any(|&i| i == iface || self.implements(i, iface))
    }

    pub fn instance_of_name(&self, obj: Ref, name: &str) -> bool {
        match self.by_name.get(name) {
            Some(&to) => obj != NULL && self.is_subclass(self.heap.get(obj).class, to),
            None => false,
        }
    }

    // ---------------------------------------------------------------- method lookup

    /// Resolves a method by walking the class, its superclasses, then superinterfaces.
    pub fn resolve_method(&self, class: ClassId, name: &str, desc: &str) -> Option<MethodId> {
        let mut c = Some(class);
        while let Some(id) = c {
            if let Some(i) = self.class(id).find_method(name, desc) {
                return Some((id, i));
            }
            c = self.class(id).super_id;
        }
        self.find_in_interfaces(class, name, desc, false)
    }

    fn find_in_interfaces(
        &self,
        class: ClassId,
        name: &str,
        desc: &str,
        concrete: bool,
    ) -> Option<MethodId> {
        // Breadth-first over all superinterfaces; a default in a more specific interface wins.
        let mut queue: Vec<ClassId> = Vec::new();
        let mut c = Some(class);
        while let Some(id) = c {
            queue.extend(self.class(id).interfaces.iter().copied());
            c = self.class(id).super_id;
        }
        let mut found: Vec<MethodId> = Vec::new();
        let mut i = 0;
        while i < queue.len() {
            let id = queue[i];
            i += 1;
            if let Some(m) = self.class(id).find_method(name, desc) {
                let meth = &self.class(id).methods[m as usize];
                if !meth.is_static() && (!concrete || !meth.is_abstract()) {
                    found.push((id, m));
                }
            }
            queue.extend(self.class(id).interfaces.iter().copied());
        }
        // Maximally specific: drop candidates whose interface is a superinterface of another's.
        found
            .iter()
            .copied()
            .find(|&(a, _)| !found.iter().any(|&(b, _)| b != a && self.is_subclass(b, a)))
    }

    /// Virtual/interface dispatch on the receiver's class (JVMS 5.4.6), cached per class.
    pub fn select_virtual(
        &mut self,
        class: ClassId,
        name: &Rc<str>,
        desc: &Rc<str>,
    ) -> Option<MethodId> {
        if let Some(m) = self.class(class).vtable.get(&(name.clone(), desc.clone())) {
            return *m;
        }
        let mut found = None;
        let mut c = Some(class);
        while let Some(id) = c {
            if let Some(i) = self.class(id).find_method(name, desc) {
                let m = &self.class(id).methods[i as usize];
                if !m.is_static() && m.access & ACC_PRIVATE == 0 {
                    if !m.is_abstract() {
                        found = Some((id, i));
                    }
                    break;
                }
            }
            c = self.class(id).super_id;
        }
        if found.is_none() {
            found = self.find_in_interfaces(class, name, desc, true);
        }
        self.class_mut(class)
            .vtable
            .insert((name.clone(), desc.clone()), found);
        found
    }

    pub fn method(&self, id: MethodId) -> &Method {
        &self.class(id.0).methods[id.1 as usize]
    }

    // ---------------------------------------------------------------- calls

    /// Calls a method from Rust and runs it to completion (a nested interpreter loop).
    pub fn invoke(&mut self, id: MethodId, args: &[Value]) -> JResult<Value> {
        let base = self.frames.len();
        let mark = self.pinned.len();
        self.pinned.extend(args.iter().filter_map(|v| match v {
            Value::Ref(r) if *r != NULL => Some(*r),
            _ => None,
        }));
        let result = match self.enter(id, args.to_vec()) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => self.run(base),
            Err(e) => Err(e),
        };
        self.pinned.truncate(mark);
        result
    }

    /// Calls `name desc` on `receiver` with virtual dispatch.
    pub fn call_virtual(
        &mut self,
        receiver: Ref,
        name: &str,
        desc: &str,
        args: &[Value],
    ) -> JResult<Value> {
        if receiver == NULL {
            return Err(self.vm_error(
                "java/lang/NullPointerException",
                &format!("Cannot invoke \"{name}()\" because value is null"),
            ));
        }
        let class = self.heap.get(receiver).class;
        let m = self
            .select_virtual(class, &name.into(), &desc.into())
            .ok_or_else(|| {
                Throw::Fatal(format!(
                    "no method {name}{desc} on {}",
                    self.class(class).name
                ))
            })?;
        let mut all = vec![Value::Ref(receiver)];
        all.extend_from_slice(args);
        self.invoke(m, &all)
    }

    pub fn call_static(
        &mut self,
        class: &str,
        name: &str,
        desc: &str,
        args: &[Value],
    ) -> JResult<Value> {
        let id = self.load_class(class)?;
        self.ensure_init(id)?;
        let m = self
            .resolve_method(id, name, desc)
            .ok_or_else(|| Throw::Fatal(format!("no method {class}.{name}{desc}")))?;
        self.invoke(m, args)
    }

    pub fn call_init(&mut self, obj: Ref, desc: &str, args: &[Value]) -> JResult<()> {
        let class = self.heap.get(obj).class;
        let m = self
            .class(class)
            .find_method("<init>", desc)
            .ok_or_else(|| {
                Throw::Fatal(format!(
                    "no constructor {desc} on {}",
                    self.class(class).name
                ))
            })?;
        let mut all = vec![Value::Ref(obj)];
        all.extend_from_slice(args);
        self.invoke((class, m), &all)?;
        Ok(())
    }

    /// Starts a call: natives and lambda bodies run now (`Some(result)`); bytecode methods get a
    /// new frame (`None`) that the interpreter loop will run.
    fn enter(&mut self, id: MethodId, args: Vec<Value>) -> JResult<Option<Value>> {
        let body = self.method(id).body.clone();
        match &body {
            Body::Bytecode(code) => {
                if self.frames.len() >= self.limits.max_depth {
                    if self.frames.len() >= self.limits.max_depth + 256 {
                        return Err(Throw::Fatal(
                            "stack overflow while raising StackOverflowError".into(),
                        ));
                    }
                    // Headroom so that the error's own constructor can run.
                    self.limits.max_depth += 256;
                    let e = self.vm_error("java/lang/StackOverflowError", "");
                    self.limits.max_depth -= 256;
                    return Err(e);
                }
                let mut locals = Vec::with_capacity(code.max_locals as usize);
                for v in args {
                    let wide = v.is_wide();
                    locals.push(v);
                    if wide {
                        locals.push(Value::Top);
                    }
                }
                if locals.len() < code.max_locals as usize {
                    locals.resize(code.max_locals as usize, Value::Top);
                }
                self.frames.push(Frame {
                    method: id,
                    code: code.clone(),
                    pc: 0,
                    locals,
                    stack: Vec::with_capacity(code.max_stack as usize),
                });
                Ok(None)
            }
            Body::Native(f) => {
                let mark = self.pinned.len();
                self.pinned.extend(args.iter().filter_map(|v| match v {
                    Value::Ref(r) if *r != NULL => Some(*r),
                    _ => None,
                }));
                let r = f(self, &args);
                self.pinned.truncate(mark);
                r.map(Some)
            }
            Body::Lambda(target) => {
                // The receiver and arguments were popped off the caller's stack: keep them rooted.
                let mark = self.pinned.len();
                self.pin_values(&args);
                let method = self.method(id).clone();
                let r = indy::call_lambda(self, target.clone(), &method, &args);
                self.pinned.truncate(mark);
                r.map(Some)
            }
            Body::MissingNative => {
                let method = self.method(id).clone();
                let msg = format!(
                    "{}.{}{} is not supported yet by the lambdabox Java runtime",
                    self.class(id.0).java_name(),
                    method.name,
                    method.desc
                );
                Err(self.vm_error("java/lang/UnsatisfiedLinkError", &msg))
            }
            Body::Abstract => {
                let method = self.method(id).clone();
                let msg = format!(
                    "{}.{}{}",
                    self.class(id.0).java_name(),
                    method.name,
                    method.desc
                );
                Err(self.vm_error("java/lang/AbstractMethodError", &msg))
            }
        }
    }

    // ---------------------------------------------------------------- exceptions

    /// Creates a VM-raised exception of class `class` with `message` (empty → null message).
    pub fn vm_error(&mut self, class: &str, message: &str) -> Throw {
        match self.try_vm_error(class, message) {
            Ok(r) => Throw::Java(r),
            Err(e) => e,
        }
    }

    fn try_vm_error(&mut self, class: &str, message: &str) -> JResult<Ref> {
        let id = match self.by_name.get(class) {
            Some(&id) => id,
            None => match self.classpath.find(class) {
                Ok(Some(_)) => self.load_class(class)?,
                _ => {
                    return Err(Throw::Fatal(format!(
                        "{}: {message}",
                        class.replace('/', ".")
                    )))
                }
            },
        };
        self.ensure_init(id)?;
        let obj = self.new_object(id)?;
        self.pinned.push(obj);
        let r = if message.is_empty() {
            self.call_init(obj, "()V", &[])
        } else {
            let msg = self.intern_str(message);
            self.call_init(obj, "(Ljava/lang/String;)V", &[Value::Ref(msg)])
        };
        self.pinned.pop();
        r?;
        Ok(obj)
    }

    pub fn out_of_memory(&mut self) -> Throw {
        Throw::Java(self.oom)
    }

    /// The current Java stack, innermost first, skipping the constructors of `skip_for`
    /// (a Throwable being built) like HotSpot's fillInStackTrace.
    pub fn capture_trace(&self, skip_for: Option<Ref>) -> Vec<TraceFrame> {
        let mut out = Vec::new();
        let mut skipping = skip_for.is_some();
        for f in self.frames.iter().rev() {
            let class = self.class(f.method.0);
            let m = &class.methods[f.method.1 as usize];
            if skipping {
                if let Some(t) = skip_for {
                    let tc = self.heap.get(t).class;
                    if (&*m.name == "<init>" && self.is_subclass(tc, f.method.0))
                        || &*m.name == "fillInStackTrace"
                    {
                        continue;
                    }
                }
                skipping = false;
            }
            // HotSpot keeps at most MaxJavaStackTraceDepth (1024) frames.
            if out.len() == 1024 {
                break;
            }
            out.push(TraceFrame {
                class: class.java_name().into(),
                method: m.name.clone(),
                file: class.source_file(),
                line: f.code.line_of(f.pc),
            });
        }
        out
    }

    // ---------------------------------------------------------------- GC

    /// Collects garbage if enough was allocated since the last collection. Only called where
    /// every live reference is in a frame, a static, a mirror, the intern table or `pinned`.
    pub fn maybe_gc(&mut self) {
        if self.heap.allocated_since_gc >= self.gc_threshold
            || self.heap.used_bytes > self.limits.heap_bytes
        {
            self.gc();
        }
    }

    pub fn gc(&mut self) -> usize {
        let mut roots: Vec<Ref> = Vec::new();
        for f in &self.frames {
            for v in f.locals.iter().chain(f.stack.iter()) {
                if let Value::Ref(r) = v {
                    roots.push(*r);
                }
            }
        }
        for c in &self.classes {
            roots.extend(c.mirror);
            for v in &c.statics {
                if let Value::Ref(r) = v {
                    roots.push(*r);
                }
            }
            for r in c.cache.iter().flatten() {
                if let class::Resolved::Object(o) = r {
                    roots.push(*o);
                }
            }
        }
        roots.extend(self.interned.values().copied());
        roots.extend(self.pinned.iter().copied());
        roots.extend(self.indy.roots());
        roots.push(self.oom);
        let freed = self.heap.collect(roots);
        // Next collection after the live set doubles (at least 8 MiB of new allocation).
        self.gc_threshold = (self.heap.used_bytes).max(8 << 20);
        freed
    }

    /// Start of a pin scope: everything pinned after this mark is released by `unpin_to`.
    pub fn pin_mark(&self) -> usize {
        self.pinned.len()
    }

    pub fn unpin_to(&mut self, mark: usize) {
        self.pinned.truncate(mark);
    }

    /// Loads, initialises and constructs `class` with its no-argument constructor.
    pub fn new_instance(&mut self, class: &str) -> JResult<Ref> {
        let id = self.load_class(class)?;
        self.ensure_init(id)?;
        let obj = self.new_object(id)?;
        self.pinned.push(obj);
        let r = self.call_init(obj, "()V", &[]);
        self.pinned.pop();
        r.map(|_| obj)
    }

    pub fn pin_values(&mut self, values: &[Value]) {
        self.pinned.extend(values.iter().filter_map(|v| match v {
            Value::Ref(r) if *r != NULL => Some(*r),
            _ => None,
        }));
    }

    pub fn pin(&mut self, r: Ref) {
        self.pinned.push(r);
    }

    pub fn unpin(&mut self) {
        self.pinned.pop();
    }
}

#[cfg(test)]
pub(crate) mod tests;
