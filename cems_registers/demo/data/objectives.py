"""Objectives and indicators (6.5), implementation plans and milestones (6.6, 7.1); no Django."""

import datetime as dt

#: 6.5 objectives, by code; ``indicators`` by objective and name; ``approved``: approved by
#: top management (the ``ceo`` user) when the demo loads.
OBJECTIVES = [
    {
        "code": "OBJ-2030",
        "title": "2030 年单位产品碳排放较 2024 年下降 25%",
        "level": "enterprise",
        "facility": None,
        "deadline": dt.date(2030, 12, 31),
        "approved": True,
        "indicators": [
            {
                "name": "单位产品碳排放",
                "metric": "intensity",
                "unit": "tCO2e/t",
                "baseline_year": 2024,
                "baseline_value": "1.85",
                "target_value": "1.3875",
                "target_year": 2030,
            },
            {
                "name": "范围一和范围二排放总量",
                "metric": "total_emissions",
                "unit": "tCO2e",
                "baseline_year": 2024,
                "baseline_value": "52000",
                "target_value": "42000",
                "target_year": 2030,
            },
        ],
    },
    {
        "code": "OBJ-RE",
        "title": "2027 年可再生电力占比达到 30%",
        "level": "enterprise",
        "facility": None,
        "deadline": 400,
        "approved": True,
        "indicators": [
            {
                "name": "可再生电力占比",
                "metric": "renewable_share",
                "unit": "%",
                "baseline_year": 2024,
                "baseline_value": "8",
                "target_value": "30",
                "target_year": 2027,
            }
        ],
    },
    {
        "code": "OBJ-F02",
        "title": "无锡铸造分厂 2026 年焦炭消耗下降 15%",
        "level": "facility",
        "facility": "F02",
        "deadline": 25,
        "approved": False,
        "indicators": [
            {
                "name": "焦炭消耗量",
                "metric": "energy",
                "unit": "t",
                "baseline_year": 2024,
                "baseline_value": "2160",
                "target_value": "1836",
                "target_year": 2026,
            }
        ],
    },
]
OBJECTIVE_DEFAULTS = {
    "description": "与碳排放管理方针一致，考虑了法规要求、技术可行性和财务条件（6.5）。",
    "owner": "rep",
}

#: 6.6 implementation plans, by code; ``measures`` is the title, ``expected_reduction`` the
#: sum of the linked opportunities' abatement; ``milestones`` by plan and title.
PLANS = [
    {
        "code": "PL01",
        "title": "屋顶光伏二期建设",
        "objectives": ["OBJ-RE", "OBJ-2030"],
        "opportunities": ["OP01"],
        "responsible_department": "设备动力部",
        "budget": "720",
        "spent": "180",
        "end_date": 180,
        "status": "in_progress",
        "milestones": [
            {"title": "完成 EPC 招标", "due_date": -20, "done_on": -22},
            {"title": "并网验收", "due_date": 150, "done_on": None},
        ],
    },
    {
        "code": "PL02",
        "title": "空压站节能改造",
        "objectives": ["OBJ-2030"],
        "opportunities": ["OP02"],
        "responsible_department": "设备动力部",
        "budget": "95",
        "spent": "88",
        "end_date": -6,
        "status": "in_progress",
        "milestones": [
            {"title": "设备到货", "due_date": -40, "done_on": -38},
            {"title": "调试及节能量测试", "due_date": -6, "done_on": None},
        ],
    },
    {
        "code": "PL03",
        "title": "焦炭替代与中频炉改造可研",
        "objectives": ["OBJ-F02"],
        "opportunities": ["OP03"],
        "responsible_department": "无锡铸造分厂",
        "budget": "60",
        "spent": "12",
        "end_date": 20,
        "status": "planned",
        "milestones": [{"title": "完成可研报告", "due_date": 20, "done_on": None}],
    },
]
PLAN_DEFAULTS = {
    "technical_content": "详见项目可研及技术方案。",
    "owner": "keeper",
    "people": "项目经理 1 人，工程师 2 人",
    "equipment": "详见设备清单",
    "start_date": -90,
    "verification_method": "对比改造前后 3 个月的计量数据，并经第三方节能量审核。",
}
MILESTONE_DEFAULTS = {"owner": "keeper"}
