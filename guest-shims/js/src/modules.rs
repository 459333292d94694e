//! ES module resolution and loading for QuickJS. Both delegate to the JavaScript module
//! system (`esmResolve` / `esmSource` in bootstrap.js), so CommonJS and ES modules share
//! one resolver (node_modules, package.json `exports`, built-ins).

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Function, Module, Object, Result};

fn runtime_fn<'js>(ctx: &Ctx<'js>, name: &str) -> Result<Function<'js>> {
    let lb: Object = ctx.globals().get("__lambdabox")?;
    lb.get(name)
}

pub struct EsmResolver;

impl Resolver for EsmResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> Result<String> {
        runtime_fn(ctx, "esmResolve")?.call((base, name))
    }
}

pub struct EsmLoader;

impl Loader for EsmLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> Result<Module<'js, Declared>> {
        let source: String = runtime_fn(ctx, "esmSource")?.call((name,))?;
        let module = Module::declare(ctx.clone(), name, source)?;
        if name.starts_with('/') {
            let meta = module.meta()?;
            meta.set("url", format!("file://{name}"))?;
            meta.set("filename", name)?;
            meta.set(
                "dirname",
                name.rsplit_once('/')
                    .map_or("/", |(d, _)| if d.is_empty() { "/" } else { d }),
            )?;
        }
        Ok(module)
    }
}
