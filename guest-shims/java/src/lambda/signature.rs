//! Generic `Signature` attributes (JVMS 4.7.9.1), parsed just enough to find a
//! RequestHandler's input/output types the way the runtime does (type variables resolved
//! through superclasses and superinterfaces).

#[derive(Debug, Clone, PartialEq)]
pub enum JType {
    /// A class type with its type arguments (`None` = wildcard / unknown).
    Class(String, Vec<Option<JType>>),
    Var(String),
    Array(Box<JType>),
    /// A primitive descriptor byte.
    Prim(u8),
}

impl JType {
    pub fn class_name(&self) -> Option<&str> {
        match self {
            JType::Class(n, _) => Some(n),
            _ => None,
        }
    }
    pub fn arg(&self, i: usize) -> Option<&JType> {
        match self {
            JType::Class(_, a) => a.get(i).and_then(|x| x.as_ref()),
            _ => None,
        }
    }
    pub fn object() -> JType {
        JType::Class("java/lang/Object".into(), vec![])
    }
    /// Replaces type variables using `bind`.
    pub fn subst(&self, bind: &dyn Fn(&str) -> Option<JType>) -> JType {
        match self {
            JType::Var(v) => bind(v).unwrap_or_else(JType::object),
            JType::Class(n, args) => JType::Class(
                n.clone(),
                args.iter()
                    .map(|a| a.as_ref().map(|t| t.subst(bind)))
                    .collect(),
            ),
            JType::Array(e) => JType::Array(Box::new(e.subst(bind))),
            p => p.clone(),
        }
    }
}

pub struct ClassSignature {
    pub params: Vec<String>,
    pub supers: Vec<JType>,
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn ident(&mut self, stops: &[u8]) -> String {
        let start = self.i;
        while let Some(c) = self.peek() {
            if stops.contains(&c) {
                break;
            }
            self.i += 1;
        }
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }
    fn ty(&mut self) -> Option<JType> {
        match self.peek()? {
            b'L' => {
                self.i += 1;
                let mut name = self.ident(b"<;.");
                let mut args = Vec::new();
                loop {
                    match self.peek()? {
                        b'<' => {
                            self.i += 1;
                            args.clear();
                            while self.peek()? != b'>' {
                                args.push(self.type_arg()?);
                            }
                            self.i += 1;
                        }
                        b'.' => {
                            self.i += 1;
                            name.push('$');
                            name.push_str(&self.ident(b"<;."));
                        }
                        b';' => {
                            self.i += 1;
                            return Some(JType::Class(name, args));
                        }
                        _ => return None,
                    }
                }
            }
            b'T' => {
                self.i += 1;
                let v = self.ident(b";");
                self.i += 1;
                Some(JType::Var(v))
            }
            b'[' => {
                self.i += 1;
                Some(JType::Array(Box::new(self.ty()?)))
            }
            c if b"ZBCSIJFDV".contains(&c) => {
                self.i += 1;
                Some(JType::Prim(c))
            }
            _ => None,
        }
    }
    fn type_arg(&mut self) -> Option<Option<JType>> {
        match self.peek()? {
            b'*' => {
                self.i += 1;
                Some(None)
            }
            b'+' => {
                self.i += 1;
                Some(Some(self.ty()?))
            }
            b'-' => {
                self.i += 1;
                self.ty()?;
                Some(None)
            }
            _ => Some(Some(self.ty()?)),
        }
    }
    fn type_params(&mut self) -> Option<Vec<String>> {
        let mut out = Vec::new();
        if self.peek() != Some(b'<') {
            return Some(out);
        }
        self.i += 1;
        while self.peek()? != b'>' {
            out.push(self.ident(b":"));
            // Class bound (may be empty) and interface bounds.
            while self.peek()? == b':' {
                self.i += 1;
                if matches!(self.peek()?, b'L' | b'T' | b'[') {
                    self.ty()?;
                }
            }
        }
        self.i += 1;
        Some(out)
    }
}

pub fn parse_class_signature(sig: &str) -> Option<ClassSignature> {
    let mut p = P {
        s: sig.as_bytes(),
        i: 0,
    };
    let params = p.type_params()?;
    let mut supers = Vec::new();
    while p.peek().is_some() {
        supers.push(p.ty()?);
    }
    Some(ClassSignature { params, supers })
}

/// Parses a field signature or descriptor (`Ljava/util/List<Ljava/lang/String;>;`).
pub fn parse_type(sig: &str) -> Option<JType> {
    P {
        s: sig.as_bytes(),
        i: 0,
    }
    .ty()
}

/// Parameter types of a method signature or descriptor.
pub fn parse_method_params(sig: &str) -> Option<Vec<JType>> {
    let mut p = P {
        s: sig.as_bytes(),
        i: 0,
    };
    p.type_params()?;
    if p.peek()? != b'(' {
        return None;
    }
    p.i += 1;
    let mut out = Vec::new();
    while p.peek()? != b')' {
        out.push(p.ty()?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_request_handler_signature() {
        let s = parse_class_signature(
            "Ljava/lang/Object;Lcom/amazonaws/services/lambda/runtime/RequestHandler<Ljava/util/Map<Ljava/lang/String;Ljava/lang/Object;>;Ljava/lang/String;>;",
        )
        .unwrap();
        assert_eq!(s.supers.len(), 2);
        let rh = &s.supers[1];
        assert_eq!(
            rh.class_name(),
            Some("com/amazonaws/services/lambda/runtime/RequestHandler")
        );
        assert_eq!(rh.arg(0).unwrap().class_name(), Some("java/util/Map"));
        assert_eq!(rh.arg(1).unwrap().class_name(), Some("java/lang/String"));
    }

    #[test]
    fn parses_type_parameters_and_variables() {
        let s = parse_class_signature(
            "<I:Ljava/lang/Object;O::Ljava/lang/Comparable<TO;>;>Ljava/lang/Object;Lx/H<TI;TO;>;",
        )
        .unwrap();
        assert_eq!(s.params, vec!["I", "O"]);
        assert_eq!(s.supers[1].arg(0), Some(&JType::Var("I".into())));
        assert_eq!(
            parse_method_params("(Ljava/util/List<+Ljava/lang/Integer;>;I[B)V").unwrap()[0]
                .arg(0)
                .unwrap()
                .class_name(),
            Some("java/lang/Integer")
        );
    }
}
