"""People, departments and shared facts of the demo enterprise (pure data, no Django).

The enterprise itself (name, sites F01–F05, sources S01–S24) is fixed in
``cems_registers.demo.enterprise``; this module adds who runs the carbon emission
management system (clause 5.3) so every document names the same departments and people.
"""

from datetime import date

from cems_registers.demo.enterprise import ENTERPRISE, FACILITIES, SOURCES

#: Departments by key: (name_zh, name_en).
DEPARTMENTS = {
    "gmo": ("总经理办公室", "General Manager's Office"),
    "cmo": ("碳排放管理办公室", "Carbon Management Office"),
    "energy": ("设备动力部", "Equipment and Utilities Department"),
    "ehs": ("能源环保部", "Energy and Environment Department"),
    "production": ("运营管理部", "Operations Management Department"),
    "procurement": ("采购部", "Procurement Department"),
    "quality": ("质量部（计量室）", "Quality Department (Metrology Laboratory)"),
    "it": ("信息技术部", "IT Department"),
    "hr": ("人力资源部", "Human Resources Department"),
    "finance": ("财务部", "Finance Department"),
    "rd": ("技术中心", "Technology Centre"),
    "legal": ("法务合规部", "Legal and Compliance Department"),
    "admin": ("行政部", "Administration Department"),
    "sites": ("各厂区（F01–F04）", "Each site (F01–F04)"),
}

#: People by key: (name_zh, name_en, title_zh, title_en).
PEOPLE = {
    "gm": ("王建华", "Wang Jianhua", "总经理", "General Manager"),
    "mr": (
        "陈立新",
        "Chen Lixin",
        "副总经理、管理者代表",
        "Deputy General Manager, Management Representative",
    ),
    "cmo_head": (
        "刘洋",
        "Liu Yang",
        "碳排放管理办公室主任",
        "Head of the Carbon Management Office",
    ),
}


def dept(key: str) -> dict[str, str]:
    """A department's name in both languages: ``{"zh": ..., "en": ...}``."""
    zh, en = DEPARTMENTS[key]
    return {"zh": zh, "en": en}


def person(key: str) -> dict[str, str]:
    """A person's name and title in both languages, e.g. ``{"zh": "王建华（总经理）", ...}``."""
    name_zh, name_en, title_zh, title_en = PEOPLE[key]
    return {"zh": f"{name_zh}（{title_zh}）", "en": f"{name_en} ({title_en})"}


#: Default effective date of the 2026 edition of the system documents.
EDITION_DATE = date(2026, 1, 1)

#: The seven greenhouse gases of clause 3.1.1 note 1: (formula, name_zh, name_en).
GASES = [
    ("CO2", "二氧化碳", "carbon dioxide"),
    ("CH4", "甲烷", "methane"),
    ("N2O", "氧化亚氮", "nitrous oxide"),
    ("HFCs", "氢氟碳化物", "hydrofluorocarbons"),
    ("PFCs", "全氟化碳", "perfluorocarbons"),
    ("SF6", "六氟化硫", "sulphur hexafluoride"),
    ("NF3", "三氟化氮", "nitrogen trifluoride"),
]

__all__ = [
    "DEPARTMENTS",
    "EDITION_DATE",
    "ENTERPRISE",
    "FACILITIES",
    "GASES",
    "PEOPLE",
    "SOURCES",
    "dept",
    "person",
]
