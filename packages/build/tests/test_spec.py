"""Phase 7 import specs: parse_spec, ImportSpec.to_string and ImportSpec.requirement."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from mochi_py_build import ImportSpec, ImportSpecError, SpecSource, parse_spec

# ---------------------------------------------------------------------------- valid forms


def test_bare_name_is_registry_any_version() -> None:
    spec = parse_spec("httpx")
    assert spec == ImportSpec(name="httpx", raw_name="httpx", source=SpecSource.REGISTRY)
    assert spec.specifier == ""
    assert spec.source.value == "registry"


def test_registry_with_range_is_canonical_specifier_set() -> None:
    spec = parse_spec("httpx@>=0.27,<0.30")
    assert spec.source is SpecSource.REGISTRY
    assert spec.specifier == "<0.30,>=0.27"
    assert spec.to_string() == "httpx@<0.30,>=0.27"


@pytest.mark.parametrize(
    ("raw", "specifier"),
    [
        ("pydantic@==2.6.1", "==2.6.1"),
        ("rich@~=13.0", "~=13.0"),
        ("numpy@==1.26.0+cuda12", "==1.26.0+cuda12"),
        ("x@>= 1.0, < 2.0", "<2.0,>=1.0"),
        ("x@!=1.5,>=1", "!=1.5,>=1"),
        ("x@==1.0.*", "==1.0.*"),
    ],
)
def test_registry_specifiers(raw: str, specifier: str) -> None:
    spec = parse_spec(raw)
    assert spec.source is SpecSource.REGISTRY
    assert spec.specifier == specifier


def test_local_version_stays_registry() -> None:
    spec = parse_spec("numpy@==1.26.0+cuda12")
    assert spec.source is SpecSource.REGISTRY
    assert spec.index_id == ""
    assert spec.index_url == ""


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Requests", "requests"),
        ("scikit_learn", "scikit-learn"),
        ("ruamel.yaml", "ruamel-yaml"),
        ("Foo__Bar..baz", "foo-bar-baz"),
        ("zope.interface", "zope-interface"),
        ("123", "123"),
        ("a", "a"),
    ],
)
def test_names_are_pep503_normalised(raw: str, name: str) -> None:
    spec = parse_spec(raw)
    assert spec.name == name
    assert spec.raw_name == raw


def test_index_form_keeps_the_index_id() -> None:
    spec = parse_spec("torch@pytorch+https://download.pytorch.org/whl/cpu")
    assert spec.source is SpecSource.INDEX
    assert spec.index_id == "pytorch"
    assert spec.index_url == "https://download.pytorch.org/whl/cpu"
    assert spec.specifier == ""
    assert spec.to_string() == "torch@pytorch+https://download.pytorch.org/whl/cpu"


def test_index_form_over_http_and_file() -> None:
    assert parse_spec("x@corp+http://pypi.corp.example/simple").index_url.startswith("http://")
    assert parse_spec("x@local+file:///srv/simple").index_url == "file:///srv/simple"


def test_index_form_with_a_version_range() -> None:
    spec = parse_spec("torch@>=2.1,<2.4@pytorch+https://download.pytorch.org/whl/cu121")
    assert spec.source is SpecSource.INDEX
    assert spec.specifier == "<2.4,>=2.1"
    assert spec.index_id == "pytorch"
    assert spec.to_string() == "torch@<2.4,>=2.1@pytorch+https://download.pytorch.org/whl/cu121"


def test_index_id_that_looks_like_a_version() -> None:
    spec = parse_spec("x@2024+https://pypi.corp.example/simple")
    assert spec.source is SpecSource.INDEX
    assert spec.index_id == "2024"


def test_index_url_may_carry_user_info() -> None:
    spec = parse_spec("x@corp+https://user@pypi.corp.example/simple")
    assert spec.index_url == "https://user@pypi.corp.example/simple"


def test_git_with_and_without_rev() -> None:
    spec = parse_spec("rich@git+https://github.com/Textualize/rich.git#v13.7.0")
    assert spec.source is SpecSource.GIT
    assert spec.git_url == "https://github.com/Textualize/rich.git"
    assert spec.git_rev == "v13.7.0"
    bare = parse_spec("rich@git+https://github.com/Textualize/rich.git")
    assert bare.git_rev == ""
    assert bare.to_string() == "rich@git+https://github.com/Textualize/rich.git"


def test_git_over_ssh_with_user() -> None:
    spec = parse_spec("repo@git+ssh://git@github.com/user/repo.git#main")
    assert spec.git_url == "ssh://git@github.com/user/repo.git"
    assert spec.git_rev == "main"


def test_git_file_url_needs_no_host() -> None:
    assert parse_spec("x@git+file:///srv/repos/x.git").git_url == "file:///srv/repos/x.git"


@pytest.mark.parametrize("path", ["../local-pkg", "/opt/wheel", "vendor/my lib", "./lib"])
def test_path_form_keeps_the_text(path: str) -> None:
    spec = parse_spec(f"mylib@path+{path}")
    assert spec.source is SpecSource.PATH
    assert spec.local_path == path
    assert spec.to_string() == f"mylib@path+{path}"


def test_source_tokens_match_the_lockfile_vocabulary() -> None:
    assert [s.value for s in SpecSource] == ["registry", "index", "git", "path"]


# ---------------------------------------------------------------------------- requirement()


def test_requirement_registry_and_index() -> None:
    assert parse_spec("httpx").requirement() == "httpx"
    assert parse_spec("HTTPX@>=0.27,<0.30").requirement() == "httpx<0.30,>=0.27"
    index = parse_spec("torch@>=2.1@pytorch+https://download.pytorch.org/whl/cpu")
    assert index.requirement() == "torch>=2.1"


def test_requirement_git_is_a_direct_reference() -> None:
    spec = parse_spec("rich@git+https://github.com/Textualize/rich.git#v13.7.0")
    text = spec.requirement()
    assert text == "rich @ git+https://github.com/Textualize/rich.git@v13.7.0"
    assert Requirement(text).url == "git+https://github.com/Textualize/rich.git@v13.7.0"
    bare = parse_spec("rich@git+https://github.com/Textualize/rich.git")
    assert bare.requirement() == "rich @ git+https://github.com/Textualize/rich.git"


def test_requirement_path_resolves_against_base_dir(tmp_path: Path) -> None:
    spec = parse_spec("My_Lib@path+../my lib")
    text = spec.requirement(base_dir=tmp_path / "project")
    expected = (tmp_path / "my lib").as_uri()
    assert text == f"my-lib @ {expected}"
    assert Requirement(text).url == expected
    # The spec itself (what the lock records) keeps the relative text.
    assert spec.local_path == "../my lib"


def test_requirement_absolute_path_needs_no_base_dir() -> None:
    assert parse_spec("x@path+/opt/x").requirement() == "x @ file:///opt/x"


def test_requirement_relative_path_without_base_dir_is_refused() -> None:
    with pytest.raises(ValueError, match="base_dir"):
        parse_spec("x@path+../x").requirement()


# ---------------------------------------------------------------------------- errors


def _error(raw: str) -> ImportSpecError:
    with pytest.raises(ImportSpecError) as info:
        parse_spec(raw)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.spec == raw
    assert error.message in str(error)
    return error


@pytest.mark.parametrize(
    ("raw", "part", "column", "words"),
    [
        ("", "spec", 0, "empty"),
        (" httpx", "spec", 0, "whitespace"),
        ("httpx ", "spec", 5, "whitespace"),
        ("httpx\n", "spec", 5, "whitespace"),
        ("ht tpx", "name", 2, "whitespace"),
        ("ht\x01px", "name", 2, "control"),
        ("httpx[http2]", "name", 5, "extras are not supported"),
        ("httpx[http2]@>=1", "name", 5, "extras are not supported"),
        ("-httpx", "name", 0, "begin with a letter or digit"),
        (".httpx", "name", 0, "begin with a letter or digit"),
        ("_httpx", "name", 0, "begin with a letter or digit"),
        ("httpx-", "name", 5, "end with a letter or digit"),
        ("httpx.", "name", 5, "end with a letter or digit"),
        ("a/b", "name", 1, "'/'"),
        ("ÿ", "name", 0, "'ÿ'"),
        ("caf\u00e9", "name", 3, "'é'"),
        ("@>=1.0", "name", 0, "empty"),
        ("requests@", "spec", 9, "nothing follows '@'"),
        ("x@^1.0", "specifier", 2, ">=1.0,<2.0"),
        ("x@^0.2.3", "specifier", 2, ">=0.2.3,<0.3.0"),
        ("x@^0.0.3", "specifier", 2, ">=0.0.3,<0.0.4"),
        ("x@~1.0", "specifier", 2, ">=1.0,<1.1"),
        ("x@~1.2.3", "specifier", 2, ">=1.2.3,<1.3.0"),
        ("x@~1", "specifier", 2, ">=1,<2"),
        ("x@^abc", "specifier", 2, "caret"),
        ("x@>=1.0,^2.0", "specifier", 8, "caret"),
        ("requests@notaversion", "specifier", 9, "not a PEP 440"),
        ("x@>=1.0,<<2", "specifier", 8, "not a PEP 440"),
        ("x@>=1.0,,<2", "specifier", 8, "empty clause"),
        ("x@>=1.0,", "specifier", 8, "empty clause"),
        ("x@2.0", "specifier", 2, "==2.0"),
        ("numpy@1.26.0+cuda12", "specifier", 6, "==1.26.0+cuda12"),
        ("x@>=1.0\n,<2", "specifier", 7, "'\\n'"),
        ("x@git+", "url", 6, "empty"),
        ("x@git+#main", "url", 6, "empty before '#'"),
        ("x@git+https://github.com/a/b.git#", "rev", 33, "after '#' is empty"),
        ("x@git+not-a-url", "url", 6, "not a URL"),
        ("x@git+ftp://host/repo", "url", 6, "unsupported URL scheme 'ftp'"),
        ("x@git+https:///repo", "url", 14, "no host"),
        ("x@git+https://host/re po", "url", 21, "a space"),
        ("x@git+https://host/re\tpo", "url", 21, "whitespace"),
        ("x@git+https://host/re\x7fpo", "url", 21, "control"),
        ("x@git+https://hÿst/repo", "url", 15, "non-ASCII"),
        ("x@git+https://host/%zz", "url", 19, "percent escape"),
        ("x@git+https://host:99999/r", "url", 6, "not a URL"),
        ("x@git+https://host/a@b", "url", 20, "'@'"),
        ("x@git+https://host/r#-x", "rev", 21, "cannot start with '-'"),
        ("x@git+https://host/r#a b", "rev", 22, "' '"),
        ("x@git+https://host/r#a@b", "rev", 22, "'@'"),
        ("x@git+https://host/r#a#b", "rev", 22, "'#'"),
        ("torch@+https://x.org/simple", "index", 6, "index identifier before '+' is empty"),
        ("torch@py/torch+https://x.org", "index", 8, "index identifier"),
        ("torch@-py+https://x.org", "index", 6, "index identifier"),
        ("torch@pytorch+", "url", 14, "empty"),
        ("foo@bar+baz", "url", 8, "not a URL"),
        ("torch@pytorch+ssh://host/simple", "url", 14, "unsupported URL scheme 'ssh'"),
        ("torch@>=2@", "index", 10, "nothing follows the second '@'"),
        ("torch@>=2@pytorch", "index", 10, "<index-id>+<index-url>"),
        ("torch@>=2@+https://x.org", "index", 10, "empty"),
        ("x@path+", "path", 7, "empty"),
        ("x@path+.", "path", 7, "not a usable directory"),
        ("x@path+./.", "path", 7, "not a usable directory"),
        ("x@path+/", "path", 7, "not a usable directory"),
        ("x@path+a/..", "path", 7, "not a usable directory"),
        ("x@path+a\x00b", "path", 8, "NUL"),
        ("x@path+a\nb", "path", 8, "control"),
    ],
)
def test_bad_specs(raw: str, part: str, column: int, words: str) -> None:
    error = _error(raw)
    assert (error.part, error.column) == (part, column), error.message
    assert words in error.message


def test_caret_message_names_pep440_and_the_range_to_write() -> None:
    error = _error("x@^1.0")
    assert error.message == "caret ranges are not PEP 440: write >=1.0,<2.0"


def test_tilde_message_names_the_range_to_write() -> None:
    error = _error("x@~1.0")
    assert error.message == "a lone '~' is not PEP 440: write >=1.0,<1.1"


# ---------------------------------------------------------------------------- properties

_NAME = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9._-]{0,10}[A-Za-z0-9])?", fullmatch=True)
_VERSION = st.builds(
    lambda parts: ".".join(str(p) for p in parts),
    st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=3),
)
_CLAUSE = st.builds(
    lambda op, version: f"{op}{version}",
    st.sampled_from(["==", "!=", ">=", "<=", ">", "<"]),
    _VERSION,
)
_SPECIFIER = st.lists(_CLAUSE, min_size=1, max_size=3).map(",".join)
_HOST = st.from_regex(r"[a-z][a-z0-9]{0,8}(\.[a-z]{2,5})?", fullmatch=True)
_URL_PATH = st.from_regex(r"(/[A-Za-z0-9._~-]{1,8}){0,3}", fullmatch=True)
_HTTP_URL = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}{path}",
    st.sampled_from(["https", "http"]),
    _HOST,
    _URL_PATH,
)
_REV = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9._/-]{0,12}", fullmatch=True)
_INDEX_ID = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,8}", fullmatch=True)
_PATH = st.from_regex(
    r"(\.\./|\./)?[A-Za-z0-9_-]{1,8}(/[A-Za-z0-9 _.-]{0,8}[A-Za-z0-9_-])?", fullmatch=True
)

_VALID_SPEC = st.one_of(
    _NAME,
    st.builds(lambda n, s: f"{n}@{s}", _NAME, _SPECIFIER),
    st.builds(lambda n, i, u: f"{n}@{i}+{u}", _NAME, _INDEX_ID, _HTTP_URL),
    st.builds(lambda n, s, i, u: f"{n}@{s}@{i}+{u}", _NAME, _SPECIFIER, _INDEX_ID, _HTTP_URL),
    st.builds(lambda n, u: f"{n}@git+{u}", _NAME, _HTTP_URL),
    st.builds(lambda n, u, r: f"{n}@git+{u}#{r}", _NAME, _HTTP_URL, _REV),
    st.builds(lambda n, p: f"{n}@path+{p}", _NAME, _PATH),
)


@settings(max_examples=200, deadline=None)
@given(_VALID_SPEC)
def test_valid_specs_round_trip_through_to_string(raw: str) -> None:
    spec = parse_spec(raw)
    again = parse_spec(spec.to_string())
    assert again == spec
    assert again.to_string() == spec.to_string()


@settings(max_examples=200, deadline=None)
@given(_VALID_SPEC)
def test_valid_specs_give_pep508_requirements(raw: str) -> None:
    spec = parse_spec(raw)
    requirement = Requirement(spec.requirement(base_dir="/base"))
    assert canonicalize_name(requirement.name) == spec.name
    assert bool(requirement.url) == (spec.source in (SpecSource.GIT, SpecSource.PATH))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_parses_or_raises_import_spec_error(raw: str) -> None:
    outcome = _outcome(raw)
    if isinstance(outcome, ImportSpec):
        assert parse_spec(outcome.to_string()) == outcome
    else:
        assert 0 <= outcome.column <= len(raw)
        assert outcome.part in {"spec", "name", "specifier", "index", "url", "rev", "path"}


def _outcome(raw: str) -> ImportSpec | ImportSpecError:
    try:
        return parse_spec(raw)
    except ImportSpecError as exc:
        return exc


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab1-_.@+#/:=<>!~^,* [x]\\%\x00\n"), max_size=30).map(
        lambda tail: "pkg" + tail
    )
)
def test_spec_shaped_noise_parses_or_raises_import_spec_error(raw: str) -> None:
    outcome = _outcome(raw)
    if isinstance(outcome, ImportSpec):
        assert parse_spec(outcome.to_string()) == outcome
    else:
        assert 0 <= outcome.column <= len(raw)
