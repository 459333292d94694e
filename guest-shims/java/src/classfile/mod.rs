//! Class-file parsing (JVMS chapter 4), versions 45 to 65 (Java 1.1 to 21).
//!
//! Everything the interpreter needs is parsed and validated up front; attributes the
//! interpreter has no use for (StackMapTable, annotations, ...) are skipped by length.

mod code;
mod constant_pool;
mod reader;

use std::rc::Rc;

pub use code::{Code, Handler, Insn, LocalName};
pub use constant_pool::{decode_modified_utf8, Constant, ConstantPool, MemberRef};
use reader::Reader;

pub const ACC_PUBLIC: u16 = 0x0001;
pub const ACC_PRIVATE: u16 = 0x0002;
pub const ACC_STATIC: u16 = 0x0008;
pub const ACC_FINAL: u16 = 0x0010;
pub const ACC_SUPER: u16 = 0x0020;
pub const ACC_BRIDGE: u16 = 0x0040;
pub const ACC_VARARGS: u16 = 0x0080;
pub const ACC_NATIVE: u16 = 0x0100;
pub const ACC_INTERFACE: u16 = 0x0200;
pub const ACC_ABSTRACT: u16 = 0x0400;
pub const ACC_SYNTHETIC: u16 = 0x1000;
pub const ACC_ENUM: u16 = 0x4000;

#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum ClassFormatError {
    #[error("truncated class file (at byte {at})")]
    Truncated { at: usize },
    #[error("bad magic number 0x{0:08x} (not a class file)")]
    BadMagic(u32),
    #[error(
        "unsupported class-file version {major}.{minor} (supported: 45 to 65, Java 1.1 to 21)"
    )]
    BadVersion { major: u16, minor: u16 },
    #[error("constant-pool index {index} is not a valid {expected} entry")]
    BadIndex { index: u16, expected: &'static str },
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Unsupported(String),
}

impl ClassFormatError {
    fn at(self, entry: u16) -> Self {
        match self {
            ClassFormatError::BadIndex { index, expected } => ClassFormatError::Invalid(format!(
                "constant {entry} refers to index {index}, which is not a valid {expected} entry"
            )),
            e => e,
        }
    }

    fn in_method(self, method: &str) -> Self {
        match self {
            ClassFormatError::Invalid(m) => ClassFormatError::Invalid(format!("{method}: {m}")),
            ClassFormatError::Unsupported(m) => {
                ClassFormatError::Unsupported(format!("{method}: {m}"))
            }
            ClassFormatError::Truncated { at } => {
                ClassFormatError::Invalid(format!("{method}: truncated instruction at {at}"))
            }
            e => e,
        }
    }
}

#[derive(Debug, Clone)]
pub struct FieldInfo {
    pub access: u16,
    pub name: Rc<str>,
    pub desc: Rc<str>,
    pub signature: Option<Rc<str>>,
    /// ConstantValue attribute (static finals), as a constant-pool index.
    pub constant_value: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct MethodInfo {
    pub access: u16,
    pub name: Rc<str>,
    pub desc: Rc<str>,
    pub signature: Option<Rc<str>>,
    pub code: Option<Rc<Code>>,
    pub exceptions: Vec<Rc<str>>,
}

#[derive(Debug, Clone)]
pub struct BootstrapMethod {
    /// A MethodHandle constant.
    pub method: u16,
    pub args: Vec<u16>,
}

#[derive(Debug, Clone)]
pub struct ClassFile {
    pub major: u16,
    pub minor: u16,
    pub cp: ConstantPool,
    pub access: u16,
    pub name: Rc<str>,
    pub super_name: Option<Rc<str>>,
    pub interfaces: Vec<Rc<str>>,
    pub fields: Vec<FieldInfo>,
    pub methods: Vec<MethodInfo>,
    pub source_file: Option<Rc<str>>,
    pub signature: Option<Rc<str>>,
    pub bootstrap_methods: Vec<BootstrapMethod>,
}

impl ClassFile {
    pub fn parse(bytes: &[u8]) -> Result<ClassFile, ClassFormatError> {
        let mut r = Reader::new(bytes);
        let magic = r.u32()?;
        if magic != 0xCAFE_BABE {
            return Err(ClassFormatError::BadMagic(magic));
        }
        let minor = r.u16()?;
        let major = r.u16()?;
        if !(45..=65).contains(&major) {
            return Err(ClassFormatError::BadVersion { major, minor });
        }
        let cp = ConstantPool::parse(&mut r)?;
        let access = r.u16()?;
        let class_name = cp.class_name(r.u16()?)?.clone();
        let super_index = r.u16()?;
        let super_name = if super_index == 0 {
            None
        } else {
            Some(cp.class_name(super_index)?.clone())
        };
        let n = r.u16()?;
        let mut interfaces = Vec::with_capacity(n as usize);
        for _ in 0..n {
            interfaces.push(cp.class_name(r.u16()?)?.clone());
        }
        let n = r.u16()?;
        let mut fields = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let access = r.u16()?;
            let name = cp.utf8(r.u16()?)?.clone();
            let desc = cp.utf8(r.u16()?)?.clone();
            let mut field = FieldInfo {
                access,
                name,
                desc,
                signature: None,
                constant_value: None,
            };
            let attrs = r.u16()?;
            for _ in 0..attrs {
                let (aname, body) = attribute(&mut r, &cp)?;
                let mut a = Reader::new(body);
                match &*aname {
                    "ConstantValue" => {
                        let idx = a.u16()?;
                        cp.get(idx)?;
                        field.constant_value = Some(idx);
                    }
                    "Signature" => field.signature = Some(cp.utf8(a.u16()?)?.clone()),
                    _ => {}
                }
            }
            fields.push(field);
        }
        let n = r.u16()?;
        let mut methods = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let access = r.u16()?;
            let name = cp.utf8(r.u16()?)?.clone();
            let desc = cp.utf8(r.u16()?)?.clone();
            let mut method = MethodInfo {
                access,
                name,
                desc,
                signature: None,
                code: None,
                exceptions: vec![],
            };
            let attrs = r.u16()?;
            for _ in 0..attrs {
                let (aname, body) = attribute(&mut r, &cp)?;
                let mut a = Reader::new(body);
                match &*aname {
                    "Code" => {
                        let label = format!("{}.{}{}", class_name, method.name, method.desc);
                        method.code = Some(Rc::new(code::parse_code(&mut a, &cp, &label)?));
                    }
                    "Signature" => method.signature = Some(cp.utf8(a.u16()?)?.clone()),
                    "Exceptions" => {
                        let count = a.u16()?;
                        for _ in 0..count {
                            method.exceptions.push(cp.class_name(a.u16()?)?.clone());
                        }
                    }
                    _ => {}
                }
            }
            methods.push(method);
        }
        let mut class = ClassFile {
            major,
            minor,
            cp,
            access,
            name: class_name,
            super_name,
            interfaces,
            fields,
            methods,
            source_file: None,
            signature: None,
            bootstrap_methods: vec![],
        };
        let attrs = r.u16()?;
        for _ in 0..attrs {
            let (aname, body) = attribute(&mut r, &class.cp)?;
            let mut a = Reader::new(body);
            match &*aname {
                "SourceFile" => class.source_file = Some(class.cp.utf8(a.u16()?)?.clone()),
                "Signature" => class.signature = Some(class.cp.utf8(a.u16()?)?.clone()),
                "BootstrapMethods" => {
                    let count = a.u16()?;
                    for _ in 0..count {
                        let method = a.u16()?;
                        match class.cp.get(method)? {
                            Constant::MethodHandle { .. } => {}
                            _ => {
                                return Err(ClassFormatError::BadIndex {
                                    index: method,
                                    expected: "MethodHandle",
                                })
                            }
                        }
                        let nargs = a.u16()?;
                        let mut args = Vec::with_capacity(nargs as usize);
                        for _ in 0..nargs {
                            let arg = a.u16()?;
                            class.cp.get(arg)?;
                            args.push(arg);
                        }
                        class
                            .bootstrap_methods
                            .push(BootstrapMethod { method, args });
                    }
                }
                _ => {}
            }
        }
        if r.remaining() != 0 {
            return Err(ClassFormatError::Invalid(format!(
                "{} trailing bytes after the class file",
                r.remaining()
            )));
        }
        Ok(class)
    }

    pub fn method(&self, name: &str, desc: &str) -> Option<&MethodInfo> {
        self.methods
            .iter()
            .find(|m| &*m.name == name && &*m.desc == desc)
    }

    pub fn is_interface(&self) -> bool {
        self.access & ACC_INTERFACE != 0
    }
}

fn attribute<'a>(
    r: &mut Reader<'a>,
    cp: &ConstantPool,
) -> Result<(Rc<str>, &'a [u8]), ClassFormatError> {
    let name = cp.utf8(r.u16()?)?.clone();
    let len = r.u32()? as usize;
    Ok((name, r.take(len)?))
}

#[cfg(test)]
mod tests;
