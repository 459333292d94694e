//! Runtime classes: linked form of a class file (field layout, method table, statics,
//! initialisation state, resolved constant-pool cache), array classes and lambda classes.

use std::collections::HashMap;
use std::rc::Rc;

use super::heap::ClassId;
use super::natives::NativeFn;
use super::value::{Ref, Value};
use crate::classfile::{ClassFile, Code, MemberRef, ACC_ABSTRACT, ACC_INTERFACE, ACC_STATIC};

pub type MethodId = (ClassId, u16);

#[derive(Clone)]
pub enum Body {
    Bytecode(Rc<Code>),
    Native(NativeFn),
    /// A native method the VM does not implement (an error names it when called).
    MissingNative,
    Abstract,
    /// The single abstract method of a lambda class: forwards to the implementation handle.
    Lambda(Rc<LambdaTarget>),
}

#[derive(Debug, Clone)]
pub struct LambdaTarget {
    /// Method-handle kind (JVMS 5.4.3.5): 5 virtual, 6 static, 7 special, 8 newInvokeSpecial, 9 interface.
    pub kind: u8,
    pub target: MemberRef,
    /// Number of captured values, stored in the lambda object's fields.
    pub captured: usize,
}

#[derive(Clone)]
pub struct Method {
    pub name: Rc<str>,
    pub desc: Rc<str>,
    pub access: u16,
    pub body: Body,
    /// First descriptor byte of each parameter ('I', 'J', 'L', '[' ...).
    pub params: Vec<u8>,
    pub ret: u8,
    pub signature: Option<Rc<str>>,
}

impl Method {
    pub fn is_static(&self) -> bool {
        self.access & ACC_STATIC != 0
    }
    pub fn is_abstract(&self) -> bool {
        self.access & ACC_ABSTRACT != 0
    }
    /// Local-variable slots taken by the arguments (receiver included).
    pub fn arg_slots(&self) -> usize {
        let n: usize = self
            .params
            .iter()
            .map(|&p| if p == b'J' || p == b'D' { 2 } else { 1 })
            .sum();
        n + usize::from(!self.is_static())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitState {
    Uninitialized,
    InProgress,
    Done,
    Failed,
}

/// What a constant-pool entry resolved to, cached per class.
#[derive(Debug, Clone, Copy)]
pub enum Resolved {
    Class(ClassId),
    StaticField(ClassId, u16),
    InstanceField(u16),
    Method(MethodId),
    /// A `String` constant or a linked invokedynamic call site / constant.
    Object(Ref),
    /// An invokedynamic site linked to a lambda class: (class, captured args).
    LambdaSite(ClassId),
    /// A string-concat site: index into the VM's recipe table.
    ConcatSite(u32),
    /// An ObjectMethods site: index into the VM's record-method table.
    RecordSite(u32),
    /// A SwitchBootstraps (typeSwitch / enumSwitch) site: index into the VM's switch table.
    SwitchSite(u32),
}

/// The element type of an array class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Elem {
    Prim(u8),
    Ref(ClassId),
}

pub struct Class {
    pub id: ClassId,
    pub name: Rc<str>,
    pub access: u16,
    pub file: Option<Rc<ClassFile>>,
    pub super_id: Option<ClassId>,
    pub interfaces: Vec<ClassId>,
    pub methods: Vec<Method>,
    pub method_index: HashMap<(Rc<str>, Rc<str>), u16>,
    /// Instance field name → slot (own and inherited), total slot count, descriptors.
    pub field_slots: HashMap<Rc<str>, u16>,
    pub field_descs: Vec<Rc<str>>,
    pub static_slots: HashMap<Rc<str>, u16>,
    pub statics: Vec<Value>,
    pub init: InitState,
    pub elem: Option<Elem>,
    pub cache: Vec<Option<Resolved>>,
    /// Monomorphic inline cache of invokevirtual/invokeinterface sites: (receiver class, target).
    pub inline_cache: Vec<Option<(ClassId, MethodId)>>,
    /// Virtual dispatch cache: (name, desc) → implementation.
    pub vtable: HashMap<(Rc<str>, Rc<str>), Option<MethodId>>,
    pub mirror: Option<Ref>,
}

impl Class {
    pub fn is_interface(&self) -> bool {
        self.access & ACC_INTERFACE != 0
    }
    pub fn is_array(&self) -> bool {
        self.elem.is_some()
    }
    pub fn source_file(&self) -> Option<Rc<str>> {
        self.file.as_ref().and_then(|f| f.source_file.clone())
    }
    pub fn java_name(&self) -> String {
        self.name.replace('/', ".")
    }
    pub fn find_method(&self, name: &str, desc: &str) -> Option<u16> {
        self.methods
            .iter()
            .position(|m| &*m.name == name && &*m.desc == desc)
            .map(|i| i as u16)
    }
}
