"""Named types for the package's classes, and the fields of record classes."""

from __future__ import annotations

from dataclasses import replace

from mochi_py_stubs import (
    NO_LITERAL,
    Attribute,
    ClassMarker,
    TSubscript,
)
from mochi_py_typemap._base import (
    FailedField,
    RecordField,
    RecordInfo,
    Result,
)
from mochi_py_typemap._frame import Frame
from mochi_py_typemap._index import (
    ClassRef,
    class_decl_kind,
)
from mochi_py_typemap._names import is_ascii_identifier
from mochi_py_typemap._skip import SkipReason, SkipReport
from mochi_py_typemap._types import (
    NamedType,
    OptionType,
    RecordDecl,
)
from mochi_py_typemap._typing_table import Construct
from mochi_py_typemap._unions import UnionsMixin


class RecordsMixin(UnionsMixin):
    def named(self, ref: ClassRef, item_path: str) -> NamedType | SkipReport:
        """The class's NamedType, declared in this session; refused (at `item_path`) when its
        name cannot be a Mochi identifier. (Only the path: most callers name a class outside
        any annotation, and making a Frame for each was a fortieth of the lowering time.)"""
        if ref.mochi_name is None:
            return SkipReport(
                item_path,
                SkipReason.INVALID_IDENTIFIER,
                f"class {ref.qualname} cannot be named in Mochi: {ref.cls.name!r} is not an"
                " ASCII identifier",
            )
        named = self.index.named_type(ref)
        if named.decl_kind == "record":
            self.record_uses += 1
        if named.name not in self.decls:
            if named.decl_kind == "record":
                self.record_info(ref)
            else:
                self.decls[named.name] = self.index.class_decl(ref, named)
        return named

    def record_info(self, ref: ClassRef) -> RecordInfo | None:
        """Fields of a record class (cached); None while that class is being computed (a
        recursive record refers to itself by name, which needs no fields)."""
        qualname = ref.qualname
        done = self.records.get(qualname)
        if done is not None or qualname in self._in_progress:
            return done
        self._in_progress.add(qualname)
        try:
            fields: list[RecordField] = []
            failed: list[FailedField] = []
            for attr, owner, keyword_only in self._record_attributes(ref, set()):
                result = self._record_field(ref, owner, attr, keyword_only)
                if isinstance(result, FailedField):
                    failed.append(result)
                else:
                    fields.append(result)
        finally:
            self._in_progress.discard(qualname)
        info = RecordInfo(tuple(fields), tuple(failed))
        self.records[qualname] = info
        if ref.mochi_name is not None:
            decl_fields = tuple((f.name, f.type) for f in fields)
            self.decls[ref.mochi_name] = RecordDecl(ref.mochi_name, decl_fields, qualname)
        return info

    def _record_attributes(
        self, ref: ClassRef, seen: set[str]
    ) -> list[tuple[Attribute, ClassRef, bool]]:
        # Fields of record bases first, then the class's own; a redefinition keeps the first
        # position (dataclass semantics). ClassVar attributes and the KW_ONLY marker are not
        # fields; fields after KW_ONLY, and every TypedDict key, are keyword-only.
        if ref.qualname in seen:
            return []
        seen.add(ref.qualname)
        out: dict[str, tuple[Attribute, ClassRef, bool]] = {}
        for base in ref.cls.bases:
            base_ref = self.index.base_class(base)
            if base_ref is not None and class_decl_kind(base_ref.cls) == "record":
                for item in self._record_attributes(base_ref, seen):
                    out[item[0].name] = item
        keyword_only = ClassMarker.TYPEDDICT in ref.cls.markers
        fr = Frame(ref.module, ref.qualname, ref.qualname, ())
        for attr in ref.cls.attributes:
            if attr.annotation is not None:
                if self.construct(attr.annotation, fr) is Construct.KW_ONLY:
                    keyword_only = True
                    continue
                if self.qualifier(attr.annotation, fr) == "ClassVar":
                    continue
            out[attr.name] = (attr, ref, keyword_only)
        return list(out.values())

    def _record_field(
        self, ref: ClassRef, owner: ClassRef, attr: Attribute, keyword_only: bool
    ) -> RecordField | FailedField:
        fr = self.frame(
            owner.module,
            f"{ref.qualname}.{attr.name}",
            enclosing=ref.qualname,
            tparams=frozenset(owner.cls.type_params),
        )
        fr = replace(fr, naming=(*self.naming(ref.qualname, ""), attr.name))
        is_typeddict = ClassMarker.TYPEDDICT in owner.cls.markers
        required = (
            ClassMarker.TOTAL_FALSE not in owner.cls.markers
            if is_typeddict
            else not attr.has_default
        )
        annotation = attr.annotation
        if annotation is not None and isinstance(annotation, TSubscript):
            qualifier = self.qualifier(annotation, fr)
            if qualifier in ("Required", "NotRequired") and len(annotation.args) == 1:
                required = qualifier == "Required"
                annotation = annotation.args[0]
        result: Result
        if not is_ascii_identifier(attr.name):
            result = self.skip(
                fr,
                SkipReason.INVALID_IDENTIFIER,
                f"field {attr.name!r} is not an ASCII identifier",
            )
        elif annotation is None:
            result = self.missing_annotation(fr, f"field {attr.name} has no annotation")
        else:
            result = self.map(annotation, fr)
        if isinstance(result, SkipReport):
            return FailedField(attr.name, required and not attr.has_default, result)
        has_default = attr.has_default
        if is_typeddict and not required:
            has_default = True
            if not isinstance(result, OptionType):
                result = OptionType(result)
        default = attr.default if attr.has_default else NO_LITERAL
        return RecordField(attr.name, result, has_default, default, keyword_only)
