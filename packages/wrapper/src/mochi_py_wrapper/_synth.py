"""synthesise(): one `import python "..." as <alias>` -> a Wrapper (externs, .py, .pyi)."""

from __future__ import annotations

from mochi_py_stubs import ClassMarker, Surface
from mochi_py_typemap import LoweredClass, lower_module
from mochi_py_wrapper._args import (
    check_alias,
    check_import_name,
    importable_by_statement,
    normalise_package,
    package_ident,
)
from mochi_py_wrapper._bind import bind
from mochi_py_wrapper._classes import class_sites
from mochi_py_wrapper._convert import Converters
from mochi_py_wrapper._errors import InvalidArgumentError
from mochi_py_wrapper._guard import check_generated
from mochi_py_wrapper._model import Wrapper, WrapperOptions
from mochi_py_wrapper._names import is_plain_attribute
from mochi_py_wrapper._render import Header, render


def _is_generic(item: LoweredClass) -> bool:
    src = item.source
    return src is not None and (bool(src.type_params) or ClassMarker.GENERIC in src.markers)


def synthesise(
    package: str,
    import_name: str,
    alias: str,
    surface: Surface,
    options: WrapperOptions = WrapperOptions(),  # noqa: B008 - frozen, so sharing is safe
) -> Wrapper:
    """Bind the public surface of `surface.package` and generate its wrapper module.

    `package` is the distribution name (normalised here), `import_name` the module the wrapper
    imports (it must be the surface's package), `alias` the user's alias. Raises
    InvalidArgumentError for unusable arguments; refusals of items are SkipReports.
    """
    normalised = normalise_package(package)
    check_import_name(import_name)
    check_alias(alias)
    if import_name != surface.package:
        raise InvalidArgumentError(
            "import_name",
            import_name,
            f"the surface is of package {surface.package!r}, so the wrapper would bind names"
            " the imported module does not have",
        )
    if all(m.name != surface.package for m in surface.modules):
        raise InvalidArgumentError(
            "surface", surface.package, "the surface has no top-level module of that name"
        )
    lowered = lower_module(surface, None, allow_partial=options.allow_partial)
    sites = class_sites(surface)
    bound = bind(lowered, alias, sites)

    typed_import = importable_by_statement(import_name)
    call_classes: dict[str, str] = {}
    annotation_classes: dict[str, str] = {}
    for item in bound.items:
        if not isinstance(item, LoweredClass) or not item.type.python_name:
            continue
        if not is_plain_attribute(item.name):
            continue  # records fall back to resolve(); annotations to Any
        call_classes[item.type.python_name] = f"_mochi_src.{item.name}"
        if typed_import and not _is_generic(item):
            # A generic class would need its type arguments under mypy --strict.
            annotation_classes[item.type.python_name] = f"_src.{item.name}"

    conv = Converters(bound.types, sites, call_classes)
    header = Header(normalised, import_name, alias, typed_import, options.async_mode)
    module = f"{package_ident(normalised)}_externs"
    py_source, pyi_source = render(header, bound.bindings, conv, annotation_classes)
    check_generated(module, py_source, pyi_source)
    return Wrapper(
        package=normalised,
        import_name=import_name,
        alias=alias,
        module=module,
        options=options,
        items=bound.items,
        externs=tuple(b.extern for b in bound.bindings),
        types=bound.types,
        skipped=bound.skipped,
        name_map=bound.name_map,
        py_source=py_source,
        pyi_source=pyi_source,
    )
