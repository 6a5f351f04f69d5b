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
    "energy": ("能源动力部", "Energy and Utilities Department"),
    "ehs": ("安全环保部", "EHS Department"),
    "production": ("生产运营部", "Production Operations Department"),
    "procurement": ("采购部", "Procurement Department"),
    "quality": ("质量部（计量室）", "Quality Department (Metrology Laboratory)"),
    "it": ("信息技术部", "IT Department"),
    "hr": ("人力资源部", "Human Resources Department"),
    "finance": ("财务部", "Finance Department"),
    "rd": ("技术研发中心", "R&D Centre"),
    "legal": ("法务合规部", "Legal and Compliance Department"),
    "admin": ("行政部", "Administration Department"),
    "sites": ("各厂区（F01–F04）", "Each site (F01–F04)"),
}

#: People by key: (name_zh, name_en, title_zh, title_en).
PEOPLE = {
    "gm": ("王建华", "Wang Jianhua", "总经理", "General Manager"),
    "mr": (
        "李敏",
        "Li Min",
        "副总经理、管理者代表",
        "Deputy General Manager, Management Representative",
    ),
    "cmo_head": (
        "陈志远",
        "Chen Zhiyuan",
        "碳排放管理办公室主任",
        "Head of the Carbon Management Office",
    ),
    "energy_head": ("周海涛", "Zhou Haitao", "能源动力部部长", "Head of Energy and Utilities"),
    "quality_head": ("赵丽娟", "Zhao Lijuan", "质量部部长", "Head of Quality"),
    "procurement_head": ("孙伟", "Sun Wei", "采购部部长", "Head of Procurement"),
    "it_head": ("吴磊", "Wu Lei", "信息技术部部长", "Head of IT"),
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
