//! The constant pool: parsed eagerly, cross-references validated once so that the
//! typed accessors used by the interpreter only fail on a wrong *kind* of entry.

use std::rc::Rc;

use super::reader::Reader;
use super::ClassFormatError;

#[derive(Debug, Clone)]
pub enum Constant {
    /// Index 0 and the slot after a Long/Double.
    Unusable,
    Utf8 {
        text: Rc<str>,
        utf16: Rc<[u16]>,
    },
    Integer(i32),
    Float(f32),
    Long(i64),
    Double(f64),
    Class(u16),
    String(u16),
    FieldRef {
        class: u16,
        nat: u16,
    },
    MethodRef {
        class: u16,
        nat: u16,
    },
    InterfaceMethodRef {
        class: u16,
        nat: u16,
    },
    NameAndType {
        name: u16,
        desc: u16,
    },
    MethodHandle {
        kind: u8,
        reference: u16,
    },
    MethodType(u16),
    Dynamic {
        bsm: u16,
        nat: u16,
    },
    InvokeDynamic {
        bsm: u16,
        nat: u16,
    },
    Module(u16),
    Package(u16),
}

/// A resolved symbolic member reference (`Fieldref`, `Methodref`, `InterfaceMethodref`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MemberRef {
    pub class: Rc<str>,
    pub name: Rc<str>,
    pub desc: Rc<str>,
    pub interface: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ConstantPool {
    entries: Vec<Constant>,
}

impl ConstantPool {
    pub(super) fn parse(r: &mut Reader) -> Result<Self, ClassFormatError> {
        let count = r.u16()? as usize;
        if count == 0 {
            return Err(ClassFormatError::Invalid("constant_pool_count is 0".into()));
        }
        let mut entries = Vec::with_capacity(count);
        entries.push(Constant::Unusable);
        while entries.len() < count {
            let tag = r.u8()?;
            let c = match tag {
                1 => {
                    let len = r.u16()? as usize;
                    let utf16 = decode_modified_utf8(r.take(len)?)?;
                    let text: Rc<str> = String::from_utf16_lossy(&utf16).into();
                    Constant::Utf8 {
                        text,
                        utf16: utf16.into(),
                    }
                }
                3 => Constant::Integer(r.i32()?),
                4 => Constant::Float(f32::from_bits(r.u32()?)),
                5 | 6 => {
                    let hi = r.u32()? as u64;
                    let lo = r.u32()? as u64;
                    let bits = (hi << 32) | lo;
                    let c = if tag == 5 {
                        Constant::Long(bits as i64)
                    } else {
                        Constant::Double(f64::from_bits(bits))
                    };
                    entries.push(c);
                    if entries.len() >= count {
                        return Err(ClassFormatError::Invalid(
                            "8-byte constant in the last constant-pool slot".into(),
                        ));
                    }
                    entries.push(Constant::Unusable);
                    continue;
                }
                7 => Constant::Class(r.u16()?),
                8 => Constant::String(r.u16()?),
                9 => Constant::FieldRef {
                    class: r.u16()?,
                    nat: r.u16()?,
                },
                10 => Constant::MethodRef {
                    class: r.u16()?,
                    nat: r.u16()?,
                },
                11 => Constant::InterfaceMethodRef {
                    class: r.u16()?,
                    nat: r.u16()?,
                },
                12 => Constant::NameAndType {
                    name: r.u16()?,
                    desc: r.u16()?,
                },
                15 => Constant::MethodHandle {
                    kind: r.u8()?,
                    reference: r.u16()?,
                },
                16 => Constant::MethodType(r.u16()?),
                17 => Constant::Dynamic {
                    bsm: r.u16()?,
                    nat: r.u16()?,
                },
                18 => Constant::InvokeDynamic {
                    bsm: r.u16()?,
                    nat: r.u16()?,
                },
                19 => Constant::Module(r.u16()?),
                20 => Constant::Package(r.u16()?),
                other => {
                    return Err(ClassFormatError::Invalid(format!(
                        "unknown constant-pool tag {other} at entry {}",
                        entries.len()
                    )))
                }
            };
            entries.push(c);
        }
        let cp = ConstantPool { entries };
        cp.validate()?;
        Ok(cp)
    }

    /// Checks that every cross-reference points at an entry of the right kind.
    fn validate(&self) -> Result<(), ClassFormatError> {
        for (i, c) in self.entries.iter().enumerate() {
            let i = i as u16;
            match *c {
                Constant::Class(n) | Constant::String(n) | Constant::MethodType(n) => {
                    self.utf8(n).map_err(|e| e.at(i))?;
                }
                Constant::Module(n) | Constant::Package(n) => {
                    self.utf8(n).map_err(|e| e.at(i))?;
                }
                Constant::FieldRef { class, nat }
                | Constant::MethodRef { class, nat }
                | Constant::InterfaceMethodRef { class, nat } => {
                    self.class_name(class).map_err(|e| e.at(i))?;
                    self.name_and_type(nat).map_err(|e| e.at(i))?;
                }
                Constant::NameAndType { name, desc } => {
                    self.utf8(name).map_err(|e| e.at(i))?;
                    self.utf8(desc).map_err(|e| e.at(i))?;
                }
                Constant::MethodHandle { kind, reference } => {
                    if !(1..=9).contains(&kind) {
                        return Err(ClassFormatError::Invalid(format!(
                            "constant {i}: bad method-handle kind {kind}"
                        )));
                    }
                    self.member_ref(reference).map_err(|e| e.at(i))?;
                }
                Constant::Dynamic { nat, .. } | Constant::InvokeDynamic { nat, .. } => {
                    self.name_and_type(nat).map_err(|e| e.at(i))?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.len() <= 1
    }

    pub fn get(&self, index: u16) -> Result<&Constant, ClassFormatError> {
        self.entries
            .get(index as usize)
            .ok_or(ClassFormatError::BadIndex {
                index,
                expected: "any constant",
            })
    }

    fn wrong(index: u16, expected: &'static str) -> ClassFormatError {
        ClassFormatError::BadIndex { index, expected }
    }

    pub fn utf8(&self, index: u16) -> Result<&Rc<str>, ClassFormatError> {
        match self.get(index)? {
            Constant::Utf8 { text, .. } => Ok(text),
            _ => Err(Self::wrong(index, "Utf8")),
        }
    }

    pub fn utf16(&self, index: u16) -> Result<&Rc<[u16]>, ClassFormatError> {
        match self.get(index)? {
            Constant::Utf8 { utf16, .. } => Ok(utf16),
            _ => Err(Self::wrong(index, "Utf8")),
        }
    }

    pub fn class_name(&self, index: u16) -> Result<&Rc<str>, ClassFormatError> {
        match self.get(index)? {
            Constant::Class(n) => self.utf8(*n),
            _ => Err(Self::wrong(index, "Class")),
        }
    }

    pub fn name_and_type(&self, index: u16) -> Result<(&Rc<str>, &Rc<str>), ClassFormatError> {
        match self.get(index)? {
            Constant::NameAndType { name, desc } => Ok((self.utf8(*name)?, self.utf8(*desc)?)),
            _ => Err(Self::wrong(index, "NameAndType")),
        }
    }

    pub fn member_ref(&self, index: u16) -> Result<MemberRef, ClassFormatError> {
        let (class, nat, interface) = match self.get(index)? {
            Constant::FieldRef { class, nat } | Constant::MethodRef { class, nat } => {
                (*class, *nat, false)
            }
            Constant::InterfaceMethodRef { class, nat } => (*class, *nat, true),
            _ => return Err(Self::wrong(index, "Fieldref/Methodref/InterfaceMethodref")),
        };
        let (name, desc) = self.name_and_type(nat)?;
        Ok(MemberRef {
            class: self.class_name(class)?.clone(),
            name: name.clone(),
            desc: desc.clone(),
            interface,
        })
    }
}

/// Decodes the class file's "modified UTF-8" into UTF-16 code units (exactly what a Java
/// `String` holds, lone surrogates included).
pub fn decode_modified_utf8(bytes: &[u8]) -> Result<Vec<u16>, ClassFormatError> {
    let bad = || ClassFormatError::Invalid("malformed modified UTF-8".into());
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b & 0x80 == 0 {
            if b == 0 {
                return Err(bad());
            }
            out.push(b as u16);
            i += 1;
        } else if b & 0xE0 == 0xC0 {
            let b2 = *bytes.get(i + 1).ok_or_else(bad)?;
            if b2 & 0xC0 != 0x80 {
                return Err(bad());
            }
            out.push((((b & 0x1F) as u16) << 6) | (b2 & 0x3F) as u16);
            i += 2;
        } else if b & 0xF0 == 0xE0 {
            let b2 = *bytes.get(i + 1).ok_or_else(bad)?;
            let b3 = *bytes.get(i + 2).ok_or_else(bad)?;
            if b2 & 0xC0 != 0x80 || b3 & 0xC0 != 0x80 {
                return Err(bad());
            }
            out.push(
                (((b & 0x0F) as u16) << 12) | (((b2 & 0x3F) as u16) << 6) | (b3 & 0x3F) as u16,
            );
            i += 3;
        } else {
            return Err(bad());
        }
    }
    Ok(out)
}
