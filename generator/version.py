"""Shared (config, render, update): the generated package's version, the API's `info.version` made a valid
PEP 440 version.

pip refuses to install a project whose version is not PEP 440, and APIs version
themselves freely (`2022-11-28`, Stripe's `2026-01-28.clover`, `v1-beta`). The
package version is derived from the API's:

- a PEP 440 version is kept, normalised (`v1.0-beta` -> `1.0b0`), without its local
  part (`+build.5`), which indexes refuse;
- a date (`2022-11-28`, `2026-01-28.clover`) and anything else become the numbers it
  holds, joined by dots (`2022.11.28`, `2026.1.28`); no number at all gives `0.0.0`.

A scheme (`package_version` in `[tool.oagen]`) then shapes the final version: `{api}`
stands for the derived version, so `{api}.post1` or `{api}+gen2` bump the package
when the generator changes while the API does not; a scheme without `{api}` is a
fixed version. The original string stays in the package metadata and README.
"""

from __future__ import annotations

import re

# PEP 440's grammar (the regex its appendix gives), case-insensitive.
_PEP440 = re.compile(
    r"""
    v?
    (?:(?P<epoch>[0-9]+)!)?
    (?P<release>[0-9]+(?:\.[0-9]+)*)
    (?P<pre>[-_.]?(?P<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?P<pre_n>[0-9]+)?)?
    (?P<post>(?:-(?P<post_n1>[0-9]+))|(?:[-_.]?(?P<post_l>post|rev|r)[-_.]?(?P<post_n2>[0-9]+)?))?
    (?P<dev>[-_.]?(?P<dev_l>dev)[-_.]?(?P<dev_n>[0-9]+)?)?
    (?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
# `2022-11` would read as PEP 440's `2022.post11`: a date is a date.
_DATE = re.compile(r"\d{4}-\d{1,2}(?:-\d{1,2})?\b")
_PRE = {"alpha": "a", "a": "a", "beta": "b", "b": "b", "c": "rc", "pre": "rc", "preview": "rc", "rc": "rc"}
PLACEHOLDER = "{api}"
FALLBACK = "0.0.0"


class VersionError(ValueError):
    """A configured scheme that does not give a PEP 440 version."""


def _number(digits: str) -> str:
    # Not int(): Python refuses to convert integers of more than 4,300 digits.
    return digits.lstrip("0") or "0"


def normalise(version: str, local: bool = False) -> str | None:
    """The canonical form of a PEP 440 version (its local part only if `local`), or None."""
    m = _PEP440.fullmatch(version.strip())
    if m is None:
        return None
    out = ""
    if m["epoch"] and _number(m["epoch"]) != "0":
        out += _number(m["epoch"]) + "!"
    out += ".".join(_number(part) for part in m["release"].split("."))
    if m["pre"]:
        out += _PRE[m["pre_l"].lower()] + _number(m["pre_n"] or "0")
    if m["post"]:
        out += ".post" + _number(m["post_n1"] or m["post_n2"] or "0")
    if m["dev"]:
        out += ".dev" + _number(m["dev_n"] or "0")
    if local and m["local"]:
        out += "+" + ".".join(re.split(r"[-_.]", m["local"].lower()))
    return out


def from_api(api_version: str) -> str:
    """The public PEP 440 version derived from an API's `info.version`."""
    text = api_version.strip()
    if not _DATE.match(text):
        found = normalise(text)
        if found is not None:
            return found
    numbers = re.findall(r"\d+", text)
    return ".".join(_number(n) for n in numbers) if numbers else FALLBACK


def package_version(api_version: str, scheme: str = "") -> str:
    """The generated package's version: `scheme` with `{api}` replaced, or the derived version."""
    derived = from_api(api_version)
    if not scheme:
        return derived
    wanted = scheme.replace(PLACEHOLDER, derived)
    found = normalise(wanted, local=True)
    if found is None:
        raise VersionError(
            f"package_version {scheme!r} gives {wanted!r} for API version {api_version!r}, "
            "which is not a PEP 440 version"
        )
    return found


def check_scheme(scheme: str) -> str:
    """Check a configured scheme against a plain API version; VersionError if it cannot work."""
    package_version("1.0", scheme)
    return scheme
