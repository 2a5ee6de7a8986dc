"""render_toml / parse_toml: the upstream layout, TOML-correct quoting, every rejection."""

from __future__ import annotations

import contextlib
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mochi_py_lockfile import (
    CAPABILITIES,
    DuplicateEntryError,
    Entry,
    LockfileError,
    LockfileFormatError,
    Manifest,
    SchemaVersionError,
    Source,
    UnknownCapabilityError,
    UnknownSourceError,
    check,
    from_build_result,
    parse_toml,
    render_toml,
)

BANNER = (
    "# Auto-generated MEP-71 python lockfile. Do not edit by hand.\n"
    "# Regenerate via `mochi pkg lock`.\n"
)
SHA_A = "a" * 64
SHA_B = "0123456789abcdef" * 4

# Upstream's exact bytes: banner, schema-version, two entries holding every key.
UPSTREAM_SAMPLE = (
    BANNER
    + f"""schema-version = 1

[[python-package]]
name = "httpx"
alias = "httpx"
source = "index"
version = "0.27.2"
specifier = "==0.27.2"
index-url = "https://pypi.example/simple"
git-url = "https://github.com/encode/httpx"
git-rev = "v0.27.2"
local-path = "../httpx"
wrapper-sha256 = "{SHA_A}"
capabilities = ["async", "callable", "dataclass"]

[[python-package]]
name = "util"
alias = "u"
source = "git"
version = "1.0"
specifier = ">=1.0, <2.0"
index-url = "https://idx/simple"
git-url = "https://github.com/user/repo"
git-rev = "main"
local-path = "../sibling"
wrapper-sha256 = "{SHA_B}"
capabilities = ["dataclass"]

"""
)

# Reference §12.4 sample, filled in: required keys only and a typical registry pin.
SECTION_12_4_SAMPLE = (
    BANNER
    + f"""schema-version = 1

[[python-package]]
name = "minimal"
alias = "mn"
source = "registry"

[[python-package]]
name = "pydantic"
alias = "pd"
source = "registry"
version = "2.6.1"
specifier = "==2.6.1"
wrapper-sha256 = "{SHA_A}"
capabilities = ["dataclass", "optional"]

"""
)


def _full(name: str = "httpx", alias: str = "httpx") -> Entry:
    return Entry(
        name=name,
        alias=alias,
        source=Source.INDEX,
        version="0.27.2",
        specifier="==0.27.2",
        index_url="https://pypi.example/simple",
        git_url="https://github.com/encode/httpx",
        git_rev="v0.27.2",
        local_path="../httpx",
        wrapper_sha256=SHA_A,
        capabilities=("async", "callable", "dataclass"),
    )


# ----------------------------------------------------------------------------- render


def test_render_upstream_sample_bytes() -> None:
    util = Entry(
        "util",
        "u",
        Source.GIT,
        version="1.0",
        specifier=">=1.0, <2.0",
        index_url="https://idx/simple",
        git_url="https://github.com/user/repo",
        git_rev="main",
        local_path="../sibling",
        wrapper_sha256=SHA_B,
        capabilities=("dataclass",),
    )
    assert render_toml(Manifest(entries=(util, _full()))) == UPSTREAM_SAMPLE


def test_render_omits_empty_optionals() -> None:
    text = render_toml(Manifest(entries=(Entry("minimal", "mn", Source.REGISTRY),)))
    assert text == (
        BANNER + 'schema-version = 1\n\n[[python-package]]\nname = "minimal"\nalias = "mn"\n'
        'source = "registry"\n\n'
    )
    for key in (
        "version",
        "specifier",
        "index-url",
        "git-url",
        "git-rev",
        "local-path",
        "wrapper-sha256",
        "capabilities",
    ):
        assert f"\n{key} =" not in text


def test_render_empty_manifest_ends_with_a_blank_line() -> None:
    assert render_toml(Manifest()) == BANNER + "schema-version = 1\n\n"


def test_render_one_table_per_entry_deterministic() -> None:
    entries = [_full("b", "x"), _full("a", "y"), _full("a", "x")]
    first = render_toml(Manifest(entries=tuple(entries)))
    again = render_toml(Manifest(entries=tuple(reversed(entries))))
    assert first == again
    assert first.count("[[python-package]]\n") == 3
    assert first.index('name = "a"') < first.index('name = "b"')


def test_render_quotes_every_string_toml_correctly() -> None:
    hostile = 'q"b\\s\x00\x07\x0b\x7f\n\r\t\u2028\u00a0\U0001f600'
    entry = Entry(hostile, "a", Source.PATH, local_path=hostile, git_rev="'''")
    text = render_toml(Manifest(entries=(entry,)))
    assert parse_toml(text).entries == (entry,)
    # Each key stays on its own line: nothing breaks out of the string.
    lines = text.split("\n")
    assert sum(line.startswith("local-path = ") for line in lines) == 1
    assert sum(line.startswith("name = ") for line in lines) == 1


# ----------------------------------------------------------------------------- parse


def test_parse_upstream_sample_and_render_is_byte_identical() -> None:
    manifest = parse_toml(UPSTREAM_SAMPLE)
    assert [e.key for e in manifest.entries] == ["httpx:httpx", "util:u"]
    httpx = manifest.entries[0]
    assert httpx == _full()
    assert render_toml(manifest) == UPSTREAM_SAMPLE


def test_parse_section_12_4_sample() -> None:
    manifest = parse_toml(SECTION_12_4_SAMPLE)
    minimal, pydantic = manifest.entries
    assert minimal == Entry("minimal", "mn", Source.REGISTRY)
    assert pydantic.version == "2.6.1"
    assert pydantic.capabilities == ("dataclass", "optional")
    assert render_toml(manifest) == SECTION_12_4_SAMPLE


def test_parse_sorts_entries_and_accepts_other_tables() -> None:
    text = """# workspace lock
schema-version = 1
[workspace]
members = ["a"]

[[python-package]]
name = "z"
alias = "z"
source = "registry"

[[python-package]]
name = "a"
alias = "a"
source = "path"
local-path = "../a"
"""
    assert [e.key for e in parse_toml(text).entries] == ["a:a", "z:z"]


def test_parse_without_entries_is_an_empty_manifest() -> None:
    assert parse_toml("schema-version = 1\n") == Manifest()


def test_parse_rejects_invalid_toml() -> None:
    with pytest.raises(LockfileFormatError) as info:
        parse_toml('schema-version = 1\nname = "unterminated\n', path="mochi.lock")
    error = info.value
    assert error.path == "mochi.lock"
    assert error.line == 2
    assert isinstance(error.__cause__, ValueError)
    assert str(error).startswith("mochi.lock:2")


def test_parse_rejects_unknown_schema_version() -> None:
    with pytest.raises(SchemaVersionError) as info:
        parse_toml("# c\nschema-version = 99\n", path="l.toml")
    error = info.value
    assert (error.found, error.key, error.path, error.line, error.column) == (
        99,
        "schema-version",
        "l.toml",
        2,
        1,
    )
    assert "understands 1" in error.message


def test_parse_rejects_missing_schema_version() -> None:
    with pytest.raises(SchemaVersionError) as info:
        parse_toml('[[python-package]]\nname = "a"\nalias = "a"\nsource = "git"\n')
    assert info.value.found is None
    assert info.value.key == "schema-version"
    assert "missing" in info.value.message


@pytest.mark.parametrize("value", ["true", '"1"', "1.0", "[1]", "{ v = 1 }"])
def test_parse_rejects_non_integer_schema_version(value: str) -> None:
    with pytest.raises(SchemaVersionError) as info:
        parse_toml(f"schema-version = {value}\n")
    assert info.value.key == "schema-version"


def _doc(*tables: str) -> str:
    return "schema-version = 1\n" + "".join(f"\n[[python-package]]\n{t}" for t in tables)


GOOD = 'name = "a"\nalias = "a"\nsource = "registry"\n'


@pytest.mark.parametrize("key", ["name", "alias", "source"])
def test_parse_rejects_missing_required_key(key: str) -> None:
    table = "".join(line + "\n" for line in GOOD.splitlines() if not line.startswith(key))
    with pytest.raises(LockfileFormatError) as info:
        parse_toml(_doc(GOOD.replace('"a"', '"b"'), table), path="mochi.lock")
    error = info.value
    assert (error.entry, error.key, error.path) == (1, key, "mochi.lock")
    assert error.line == 8, "falls back to the entry's header line"
    assert f'missing required key "{key}"' in error.message


def test_parse_rejects_unknown_source() -> None:
    with pytest.raises(UnknownSourceError) as info:
        parse_toml(_doc(GOOD.replace('"registry"', '"madeup"')), path="mochi.lock")
    error = info.value
    assert (error.token, error.entry, error.key, error.line, error.column) == (
        "madeup",
        0,
        "source",
        6,
        1,
    )
    assert str(error) == (
        'mochi.lock:6:1: python-package[0].source: unknown source "madeup"; '
        "use one of registry, index, git, path"
    )


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("version = 1", "version"),
        ("specifier = true", "specifier"),
        ('index-url = ["x"]', "index-url"),
        ("git-url = 1.5", "git-url"),
        ("git-rev = { a = 1 }", "git-rev"),
        ("local-path = 0", "local-path"),
        ("wrapper-sha256 = 0", "wrapper-sha256"),
        ('capabilities = "async"', "capabilities"),
        ("capabilities = [1]", "capabilities"),
        ('capabilities = ["async", 2]', "capabilities"),
        ('name = ["a"]', "name"),
        ("alias = 1", "alias"),
        ("source = 1", "source"),
    ],
)
def test_parse_rejects_wrong_types(line: str, key: str) -> None:
    key_name = line.split(" =")[0]
    kept = [text for text in GOOD.splitlines() if not text.startswith(key_name)]
    table = "".join(text + "\n" for text in kept) + line
    with pytest.raises(LockfileFormatError) as info:
        parse_toml(_doc(table + "\n"))
    assert (info.value.entry, info.value.key) == (0, key)
    assert info.value.line is not None


def test_parse_rejects_unknown_capability_token() -> None:
    with pytest.raises(UnknownCapabilityError) as info:
        parse_toml(_doc(GOOD + 'capabilities = ["async", "net"]\n'))
    assert (info.value.token, info.value.entry, info.value.key, info.value.line) == (
        "net",
        0,
        "capabilities",
        7,
    )


def test_parse_rejects_unsorted_or_duplicate_capabilities() -> None:
    for caps in ('["list", "async"]', '["async", "async"]'):
        with pytest.raises(LockfileFormatError) as info:
            parse_toml(_doc(GOOD + f"capabilities = {caps}\n"))
        assert (info.value.entry, info.value.key) == (0, "capabilities")


def test_parse_rejects_empty_name() -> None:
    with pytest.raises(LockfileFormatError) as info:
        parse_toml(_doc(GOOD.replace('name = "a"', 'name = ""')))
    assert (info.value.entry, info.value.key, info.value.line) == (0, "name", 4)


def test_parse_rejects_duplicate_name_alias() -> None:
    other = GOOD.replace('"registry"', '"git"')
    with pytest.raises(DuplicateEntryError) as info:
        parse_toml(_doc(GOOD, GOOD.replace('"a"', '"b"'), other), path="mochi.lock")
    error = info.value
    assert (error.entry, error.first_entry, error.name, error.alias) == (2, 0, "a", "a")
    assert error.line == 13
    assert "python-package[0]" in error.message


@pytest.mark.parametrize(
    "text",
    [
        "schema-version = 1\npython-package = 1\n",
        'schema-version = 1\npython-package = "x"\n',
        "schema-version = 1\npython-package = [1, 2]\n",
        'schema-version = 1\n[python-package]\nname = "a"\n',
    ],
)
def test_parse_rejects_python_package_not_an_array_of_tables(text: str) -> None:
    with pytest.raises(LockfileFormatError) as info:
        parse_toml(text, path="mochi.lock")
    assert info.value.key == "python-package"
    assert info.value.entry is None
    assert info.value.line == 2


def test_parse_errors_are_value_errors_and_lockfile_errors() -> None:
    with pytest.raises(ValueError, match="unknown source"):
        parse_toml(_doc(GOOD.replace('"registry"', '"x"')))
    with pytest.raises(LockfileError):
        parse_toml("schema-version = 2\n")


def test_parse_inline_array_of_tables_has_no_line_but_keeps_index() -> None:
    text = 'schema-version = 1\npython-package = [{ name = "a", alias = "a", source = "x" }]\n'
    with pytest.raises(UnknownSourceError) as info:
        parse_toml(text)
    assert (info.value.entry, info.value.line) == (0, None)


def test_unknown_keys_survive_parse_and_render() -> None:
    text = _doc(
        GOOD
        + 'wheel-sha256 = "abc"\nattestation = { kind = "slsa", level = 3 }\n'
        + 'extras = ["socks", "http2"]\n"odd key" = true\n'
    )
    manifest = parse_toml(text)
    (entry,) = manifest.entries
    assert [key for key, _ in entry.extra] == ["wheel-sha256", "attestation", "extras", "odd key"]
    assert entry.extra_values()["attestation"] == {"kind": "slsa", "level": 3}
    rendered = render_toml(manifest)
    assert rendered.index("source =") < rendered.index("wheel-sha256 =")
    assert parse_toml(rendered) == manifest
    assert render_toml(parse_toml(rendered)) == rendered


def test_extra_keys_come_after_known_keys_in_stored_order() -> None:
    entry = Entry("a", "a", Source.GIT, wrapper_sha256="ff", extra=(("zeta", "1"), ("alpha", "2")))
    lines = render_toml(Manifest(entries=(entry,))).splitlines()
    assert lines[-4:] == ['wrapper-sha256 = "ff"', "zeta = 1", "alpha = 2", ""]


def test_round_trip_check_is_clean(fakes: types.SimpleNamespace) -> None:
    # Check(FromBuildResult(req, res), ParseTOML(RenderTOML(FromBuildResult(req, res)))).
    wrapper = fakes.Wrapper(
        (
            fakes.Item("function", is_async=True, types=(fakes.Type("list", (fakes.STR,)),)),
            fakes.Item("constant", types=(fakes.STR,)),
        )
    )
    built = fakes.build(
        (fakes.Spec("asynclib", specifier=">=1.0, <2.0"), "al", wrapper, "shim al\n"),
        (fakes.Spec("repo", source="git", git_url="https://g/r", git_rev="v1"), "r", None, ""),
    )
    manifest = from_build_result(built.request, built.result)
    parsed = parse_toml(render_toml(manifest))
    check(manifest, parsed)
    assert parsed == manifest
    assert parsed.entries[0].capabilities == ("async", "constant", "list")
    plain = Manifest(entries=(_full(), Entry("minimal", "mn", Source.REGISTRY)))
    check(plain, parse_toml(render_toml(plain)))


# ----------------------------------------------------------------------------- properties

_SPECIALS = [
    '"',
    "\\",
    "'",
    "'''",
    '"""',
    "\x00",
    "\x08",
    "\x1f",
    "\x7f",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u2028",
    "\u2029",
    "\u0085",
    "\ufeff",
    "\U0001f600",
    "\U0010ffff",
    "#",
    "=",
    "[[python-package]]",
    " ",
    "a",
    "é",
]
hostile = st.one_of(
    st.text(max_size=12),
    st.lists(st.sampled_from(_SPECIALS), max_size=6).map("".join),
)
hostile_nonempty = hostile.filter(bool)
toml_values = st.recursive(
    st.one_of(
        hostile,
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.booleans(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(hostile, inner, max_size=3),
    ),
    max_leaves=6,
)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    from mochi_py_lockfile._schema import encode_extra

    known = {"name", "alias", "source", "version", "specifier", "index-url", "git-url"}
    known |= {"git-rev", "local-path", "wrapper-sha256", "capabilities"}
    extra_keys = draw(st.lists(hostile.filter(lambda k: k not in known), max_size=3, unique=True))
    return Entry(
        name=draw(hostile_nonempty),
        alias=draw(hostile_nonempty),
        source=draw(st.sampled_from(list(Source))),
        version=draw(hostile),
        specifier=draw(hostile),
        index_url=draw(hostile),
        git_url=draw(hostile),
        git_rev=draw(hostile),
        local_path=draw(hostile),
        wrapper_sha256=draw(hostile),
        capabilities=tuple(sorted(draw(st.sets(st.sampled_from(CAPABILITIES))))),
        extra=tuple((key, encode_extra(draw(toml_values))) for key in extra_keys),
    )


manifests = st.lists(entries(), max_size=4, unique_by=lambda e: (e.name, e.alias)).map(
    lambda es: Manifest(entries=tuple(es))
)


@settings(max_examples=200, deadline=None)
@given(manifests)
def test_round_trip_over_hostile_manifests(manifest: Manifest) -> None:
    text = render_toml(manifest)
    parsed = parse_toml(text)
    assert parsed == manifest
    check(manifest, parsed)
    assert render_toml(parsed) == text
    # Structure survives: exactly one header per entry and the banner on top.
    assert text.startswith(BANNER + "schema-version = 1\n\n")
    assert text.count("\n[[python-package]]\n") == len(manifest.entries)


@settings(max_examples=50, deadline=None)
@given(st.lists(entries(), max_size=4, unique_by=lambda e: (e.name, e.alias)), st.randoms())
def test_render_does_not_depend_on_input_order(entry_list: list[Entry], rnd: object) -> None:
    shuffled = list(entry_list)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert render_toml(Manifest(entries=tuple(entry_list))) == render_toml(
        Manifest(entries=tuple(shuffled))
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_never_crashes_on_arbitrary_text(text: str) -> None:
    # Either a Manifest or a LockfileFormatError (a ValueError); never anything else.
    with contextlib.suppress(LockfileFormatError):
        parse_toml(text)
