"""What a class has, inherited members included: its package bases in order and, per name,
the method, property or attribute that wins (the first class in that order defining it).

Worked out once per class and surface and kept on the SurfaceIndex: a tkinter widget
inherits ~250 members through Misc and the geometry managers, and merging its whole chain
member by member again for every class (in every module's lowering) was a twentieth of the
lowering time of typeshed's stdlib. A class's tables are its own members overlaid on the
kept tables of its bases, with dict operations instead of a loop per inherited member.
"""

from __future__ import annotations

from typing import TypeVar

from mochi_py_stubs import Attribute, Function, Property
from mochi_py_typemap._index import ClassRef, SurfaceIndex

MethodEntry = tuple[Function, ClassRef]
PropertyEntry = tuple[Property, ClassRef]
AttributeEntry = tuple[Attribute, ClassRef]
_Entry = TypeVar("_Entry")


class ClassMembers:
    """A class's members along its chain. Shared by every lowering of the surface: read only.

    `chain` is the class, then its package bases depth first, left to right, each once
    (external bases have no members in the surface); a name defined earlier in this order
    hides later definitions of it, whatever their kind. The tables keep the definition that
    wins with the class defining it, in chain order; `names` is every member name of the
    chain.
    """

    __slots__ = ("attributes", "chain", "methods", "names", "properties")

    def __init__(
        self,
        chain: tuple[ClassRef, ...],
        methods: dict[str, MethodEntry],
        properties: dict[str, PropertyEntry],
        attributes: dict[str, AttributeEntry],
        names: frozenset[str],
    ) -> None:
        self.chain = chain
        self.methods = methods
        self.properties = properties
        self.attributes = attributes
        self.names = names


def package_bases(index: SurfaceIndex, ref: ClassRef) -> list[ClassRef]:
    """The classes of the surface that `ref`'s base expressions name, in order."""
    return [b for b in map(index.base_class, ref.cls.bases) if b is not None]


_OPEN = 1
_DONE = 2


def class_members(index: SurfaceIndex, ref: ClassRef) -> ClassMembers:
    """`ref`'s members, kept per surface (by qualified name: a ClassRef may be made more
    than once for one class, and `ClassMembers.chain[0]` is whichever came first)."""
    kept = index.class_members
    known = kept.get(ref.qualname)
    if known is not None:
        return known
    # The bases of the classes to merge, found depth first (iteratively: a hostile stub can
    # chain any number of classes), so each is merged before the classes built on it.
    bases: dict[str, list[ClassRef]] = {ref.qualname: package_bases(index, ref)}
    state = {ref.qualname: _OPEN}
    order: list[ClassRef] = []
    stack = [(ref, iter(bases[ref.qualname]))]
    while stack:
        node, pending = stack[-1]
        for base in pending:
            name = base.qualname
            seen = state.get(name)
            if seen is None:
                done = kept.get(name)
                if done is None:
                    state[name] = _OPEN
                    bases[name] = package_bases(index, base)
                    stack.append((base, iter(bases[name])))
                    break
                # Kept tables are only made for classes none of whose bases lead back to
                # them, so a kept base cannot lead back to a class on the stack either.
                state[name] = _DONE
            elif seen == _OPEN:
                # A class that inherits from itself (only in a broken stub): the overlay
                # assumes no base reaches the class again, so merge this one member by member.
                return _direct(index, ref)
        else:
            stack.pop()
            state[node.qualname] = _DONE
            order.append(node)
    for node in order:
        kept[node.qualname] = _overlay(node, [kept[b.qualname] for b in bases[node.qualname]])
    return kept[ref.qualname]


def _overlay(ref: ClassRef, bases: list[ClassMembers]) -> ClassMembers:
    """The class's own members, then each base's tables without the names taken before it.

    The chain of a class with no cycle among its bases is the class followed by each base's
    chain less the classes already in it, and the member tables follow that order.
    """
    cls = ref.cls
    methods: dict[str, MethodEntry] = {}
    properties: dict[str, PropertyEntry] = {}
    attributes: dict[str, AttributeEntry] = {}
    for fn in cls.methods:
        methods.setdefault(fn.name, (fn, ref))
    for prop in cls.properties:
        properties.setdefault(prop.name, (prop, ref))
    for attr in cls.attributes:
        attributes.setdefault(attr.name, (attr, ref))
    taken = set(methods)
    taken.update(properties, attributes)
    chain = [ref]
    within = {ref.qualname}
    for base in bases:
        _merge(methods, base.methods, taken)
        _merge(properties, base.properties, taken)
        _merge(attributes, base.attributes, taken)
        taken |= base.names
        for owner in base.chain:
            if owner.qualname not in within:
                within.add(owner.qualname)
                chain.append(owner)
    return ClassMembers(tuple(chain), methods, properties, attributes, frozenset(taken))


def _merge(table: dict[str, _Entry], inherited: dict[str, _Entry], taken: set[str]) -> None:
    """Append `inherited`'s entries to `table`, except those whose names are `taken`."""
    clash = taken.intersection(inherited)
    if not clash:
        table.update(inherited)
        return
    # `update` keeps a present key where it is but takes the new value: put the old values
    # back, and drop what it appended under a name another kind of member has taken.
    present = {name: table[name] for name in clash if name in table}
    table.update(inherited)
    table.update(present)
    for name in clash:
        if name not in present:
            del table[name]


def _direct(index: SurfaceIndex, ref: ClassRef) -> ClassMembers:
    """The members of a class whose bases loop back to it, merged class by class."""
    chain: list[ClassRef] = []
    seen: set[str] = set()
    stack = [ref]
    while stack:
        current = stack.pop(0)
        if current.qualname in seen:
            continue
        seen.add(current.qualname)
        chain.append(current)
        stack[:0] = package_bases(index, current)
    methods: dict[str, MethodEntry] = {}
    properties: dict[str, PropertyEntry] = {}
    attributes: dict[str, AttributeEntry] = {}
    taken: set[str] = set()
    for owner in chain:
        names: set[str] = set()
        for fn in owner.cls.methods:
            if fn.name not in taken:
                methods.setdefault(fn.name, (fn, owner))
            names.add(fn.name)
        for prop in owner.cls.properties:
            if prop.name not in taken:
                properties.setdefault(prop.name, (prop, owner))
            names.add(prop.name)
        for attr in owner.cls.attributes:
            if attr.name not in taken:
                attributes.setdefault(attr.name, (attr, owner))
            names.add(attr.name)
        taken |= names
    return ClassMembers(tuple(chain), methods, properties, attributes, frozenset(taken))
