"""Reading JSON from a request without a 500 on odd input (issue 15 item 7): every way the
parser can fail — bad syntax or encoding, nesting deeper than the parser's recursion limit, an
integer of more digits than Python converts — is an `Invoerfout` (422) that names it."""

from __future__ import annotations

import json
from typing import Any

from nareis.contract import Invoerfout

#: no message of CONTRACT.md nests deeper than a handful of levels
MAX_DIEPTE = 32


def json_waarde(ruw: bytes | str, veld: str = "(invoer)") -> Any:
    """Parse `ruw`; any failure is an `Invoerfout` on `veld` saying what is wrong."""
    if _diepte(ruw) > MAX_DIEPTE:
        raise Invoerfout([(veld, f"de JSON is dieper genest dan {MAX_DIEPTE} niveaus")])
    try:
        return json.loads(ruw)
    except json.JSONDecodeError as fout:
        raise Invoerfout([(veld, f"geen geldige JSON: {fout}")]) from None
    except UnicodeDecodeError:
        raise Invoerfout([(veld, "geen geldige JSON: de body is geen UTF-8")]) from None
    except RecursionError:
        raise Invoerfout([(veld, "de JSON is te diep genest")]) from None
    except ValueError as fout:  # e.g. "Exceeds the limit (4300 digits) for integer string conversion"
        raise Invoerfout([(veld, f"geen bruikbare JSON: een getal is te groot ({fout})")]) from None


def json_object(ruw: bytes | str, veld: str = "(invoer)") -> dict[str, Any]:
    data = json_waarde(ruw, veld)
    if not isinstance(data, dict):
        raise Invoerfout([(veld, "verwacht een JSON-object")])
    return data


def _diepte(ruw: bytes | str) -> int:
    """The deepest nesting of `[` and `{` outside strings (0 when there are too few brackets
    to matter, which spares the scan for nearly every body)."""
    tekst = ruw.encode("utf-8", "surrogatepass") if isinstance(ruw, str) else ruw
    if tekst.count(b"[") + tekst.count(b"{") <= MAX_DIEPTE:
        return 0
    diepte = hoogste = 0
    in_tekst = escape = False
    for teken in tekst:
        if in_tekst:
            if escape:
                escape = False
            elif teken == 0x5C:  # backslash
                escape = True
            elif teken == 0x22:
                in_tekst = False
        elif teken == 0x22:
            in_tekst = True
        elif teken in (0x5B, 0x7B):
            diepte += 1
            hoogste = max(hoogste, diepte)
            if hoogste > MAX_DIEPTE:
                return hoogste
        elif teken in (0x5D, 0x7D):
            diepte -= 1
    return hoogste
