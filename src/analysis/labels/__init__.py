"""Bilingual (English / Chinese) labels for figures and tables, kept in one table.

Chinese labels of the report's figures, tables and series are the report's own captions and
row headings, copied verbatim (with the line of the report text they come from), so that a
reviewer can find them in the original; the other Chinese labels are the project's translation.
"""

from __future__ import annotations

from .common import COMMON
from .sections import SECTIONS

# key: (English, 中文); keys are the report's vocabulary in snake_case. The table lives in two
# modules by theme (common: the report's own words and shared columns; sections: the
# benchmark analyses of notebooks 01-04); a key is defined once (a test checks it).
LABELS: dict[str, tuple[str, str]] = {**COMMON, **SECTIONS}

LANGUAGES = ("en", "zh")  # the label languages: the one list (plotting, tables, build import it)

# Units as the data files spell them -> label key (tables' and figures' unit labels).
UNIT_KEYS: dict[str, str] = {
    "100 million USD": "unit_100m_usd",
    "100 million yuan": "unit_100m_yuan",
    "billion yuan": "unit_billion_yuan",
    "percent": "unit_percent",
    "percentage points": "unit_pp",
    "100 million tonnes": "unit_100m_tonnes",
    "million TEU": "unit_million_teu",
    "10 thousand persons": "unit_10k_persons",
    "persons": "unit_persons",
    "years": "unit_years",
    "10 thousand USD": "unit_10k_usd",
    "times": "unit_times",
    "10 thousand TEU": "unit_10k_teu",
    "10 thousand tonnes": "unit_10k_tonnes",
    "100 million persons": "unit_100m_persons",
    "areas": "unit_areas",
    "cities": "unit_cities",
    "contracts": "unit_contracts",
    "countries": "unit_countries",
    "countries and regions": "unit_countries_regions",
    "day of April 2017": "unit_day_april_2017",
    "days": "unit_days",
    "directions": "unit_directions",
    "edition": "unit_edition",
    "editions": "unit_editions",
    "firms": "unit_firms",
    "fraction": "unit_fraction",
    "industries": "unit_industries",
    "inquiries": "unit_inquiries",
    "institutions": "unit_institutions",
    "meetings": "unit_meetings",
    "policies": "unit_policies",
    "projects": "unit_projects",
    "provinces": "unit_provinces",
    "rank": "unit_rank",
    "square kilometres": "unit_km2",
    "year": "unit_year",
    "items": "unit_items",
    "ordinal": "unit_ordinal",
    "month": "unit_month",
    "day of month": "unit_day_of_month",
}

# Provider of an external series (its datapackage "provider", by prefix) -> short label key.
PROVIDER_KEYS: tuple[tuple[str, str], ...] = (
    ("NBS / Liaoning", "provider_liaoning_nbs"),
    ("National Bureau of Statistics", "provider_nbs"),
    ("NBS", "provider_nbs"),
    ("IMF", "provider_imf"),
    ("World Bank WDI", "provider_wdi"),
    ("US Energy Information Administration", "provider_eia"),
    ("derived in ../shared/external", "provider_derived"),
)


def _check_language(lang: str) -> int:
    """Return the column index of ``lang`` or raise with the allowed languages."""
    if lang not in LANGUAGES:
        raise ValueError(f"label language must be one of {LANGUAGES}, got {lang!r}")
    return LANGUAGES.index(lang)


def t(key: str, lang: str, **fields: object) -> str:
    """Label ``key`` in language ``lang`` ('en' or 'zh'), with ``{fields}`` filled in if given."""
    col = _check_language(lang)
    try:
        text = LABELS[key][col]
    except KeyError:
        raise KeyError(f"no label {key!r} in analysis.labels.LABELS") from None
    return text.format(**fields) if fields else text


def label(key: object, lang: str, **fields: object) -> str:
    """Label of ``key`` if the table has it, else the key itself (data keys shown as they are)."""
    k = str(key)
    return t(k, lang, **fields) if k in LABELS else k


def unit_label(unit: str, lang: str) -> str:
    """Unit in the label language ('100 million USD' -> '亿美元'; 'percent' -> '%')."""
    key = UNIT_KEYS.get(unit)
    return t(key, lang) if key else unit


def provider(name: str, lang: str) -> str:
    """Short name of an external series' provider, e.g. 'NBS' / '国家统计局'."""
    for prefix, key in PROVIDER_KEYS:
        if name.startswith(prefix):
            return t(key, lang)
    return name


def caption(figure_key: str, lang: str) -> str:
    """'English / 中文' caption pair, the chosen label language first, for figures and tables."""
    col = _check_language(lang)
    pair = LABELS.get(figure_key)
    if pair is None:
        raise KeyError(f"no label {figure_key!r} in analysis.labels.LABELS")
    first, second = pair[col], pair[1 - col]
    return first if first == second else f"{first} / {second}"


def cite(lang: str, *, para: int | None = None, page: int | None = None, item: str = "") -> str:
    """Short citation such as 'Table 3, para. 38, p. 20' / '表 3，第38段，第20页'."""
    col = _check_language(lang)
    parts: list[str] = [item] if item else []
    if para is not None:
        parts.append(t("para", lang, n=para))
    if page is not None:
        parts.append(t("page", lang, n=page))
    return (", " if col == 0 else "，").join(parts)


def usd_100m(value: float, decimals: int, lang: str) -> str:
    """An amount in 亿美元 (100 million USD) for a sentence: '960.9亿美元' in Chinese, the same
    digits as 'USD 96.09 billion' in English (one more decimal: nothing rounded, no Chinese
    unit in an English sentence)."""
    if _check_language(lang):
        return f"{value:.{decimals}f}亿美元"
    return f"USD {value / 10:.{decimals + 1}f} billion"
