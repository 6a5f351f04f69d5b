"""The demo enterprise's 2025 results disclosure page (5.2.1 g, 9.1), pure data, no Django.

Only the words are here: every figure on the page is read from the demo's approved 2025
accounting run when the page is saved (:mod:`cems_pages.disclosure_demo` loads it).
"""

from .common import EDITION_DATE

DISCLOSURE = {
    "slug": "results-2025",
    "document_number": "GP-CM-R2025",
    "version": "1.0",
    "owner": "cmo",
    "approver": "gm",
    "year": 2025,
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "zh": {
        "title": "2025 年度温室气体排放结果",
        "menu_title": "2025 年排放结果",
        "search_description": "2025 年度范围一、范围二排放、能源消耗、排放强度及目标进展。",
        "intro": (
            "本页公开华东绿能精密制造股份有限公司 2025 年度温室气体排放核算结果。数据来自经数据审核人批准的核算批次，"
            "按 GB/T 32150 的核算方法和 AR5 全球增温潜势计算，页面中的数字均由系统从批准的核算结果中读取。"
        ),
        "change_summary": "首次公开 2025 年度排放结果。",
    },
    "en": {
        "title": "Greenhouse gas results 2025",
        "menu_title": "Results 2025",
        "search_description": "Scope 1 and scope 2 emissions, energy, intensity and objectives progress in 2025.",
        "intro": (
            "This page discloses the 2025 greenhouse gas accounting results of East China Green Precision Manufacturing Co., Ltd. "
            "The figures come from the accounting run approved by the data reviewer, computed with the GB/T 32150 methods and the "
            "AR5 global warming potentials; every number on this page is read by the system from the approved results."
        ),
        "change_summary": "First disclosure of the 2025 results.",
    },
}
