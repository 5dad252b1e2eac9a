"""The facts part of the Python API: ``lib.facts(...)`` and ``lib.outcomes(...)`` as DataFrames.

    lib = baogao.Library("sqlite:///reports.db")
    lib.facts(indicator="gdp_growth", kind="target", level="province", year=2025)
    lib.outcomes(indicator="gdp_growth", region="全国")
    lib.export_facts("gdp.dta", indicator="gdp_growth", kind="target")
"""

from __future__ import annotations

from pathlib import Path


class FactsMixin:
    """Mixed into baogao.Library (needs ``self.db``)."""

    def fact_rows(self, indicator=None, kind=None, region=None, level=None, year=None, doc=None, measure=None,
                  primary: bool = False) -> list[dict]:
        from baogao.services import facts as svc

        with self.db.session() as s:
            return svc.list_facts(s, svc.FactFilter(indicator=indicator, kind=kind, region=region, level=level,
                                                    year=year, doc_id=doc, measure=measure, primary=primary))

    def facts(self, indicator=None, kind=None, region=None, level=None, year=None, doc=None, measure=None,
              primary: bool = False):
        """Extracted facts as a DataFrame (columns: see baogao.facts.export.COLUMN_LABELS)."""
        from baogao.facts.export import to_frame

        return to_frame(self.fact_rows(indicator, kind, region, level, year, doc, measure, primary))

    def outcome_rows(self, indicator: str = "gdp_growth", region=None, level=None, year=None, doc=None,
                     measure=None) -> list[dict]:
        from baogao.services import facts as svc

        with self.db.session() as s:
            return svc.outcomes(s, svc.FactFilter(indicator=indicator, region=region, level=level, year=year,
                                                  doc_id=doc, measure=measure))

    def outcomes(self, indicator: str = "gdp_growth", region=None, level=None, year=None, doc=None, measure=None):
        """Each year's target beside its outcome, with a status, as a DataFrame."""
        from baogao.facts.export import to_frame

        return to_frame(self.outcome_rows(indicator, region, level, year, doc, measure))

    def outcome_series(self, indicator: str = "gdp_growth", region=None, level=None, year=None) -> dict:
        """Chart-ready target band vs outcome (by year for one region, by region otherwise)."""
        from baogao.services import facts as svc

        return svc.outcome_series(self.outcome_rows(indicator, region, level, year))

    def export_facts(self, path: str | Path, format: str | None = None, *, outcomes: bool = False, **filters) -> Path:
        """Write facts (or, with outcomes=True, the target/outcome table) to csv/xlsx/parquet/dta."""
        from baogao.facts import export

        fmt = format or Path(path).suffix.lstrip(".").lower()
        rows = self.outcome_rows(**filters) if outcomes else self.fact_rows(**filters)
        return export.write(rows, fmt, path)
