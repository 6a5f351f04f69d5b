"""Risks and opportunities (6.1) and the actions addressing them (6.2); no Django."""

_DRILL_REVIEW = "演练表明预案可行，30 分钟内完成物资转移。"

#: 6.1 risks and opportunities, by title; ``actions`` (6.2) by risk and description.
RISKS = [
    {
        "title": "碳配额收紧导致履约成本上升",
        "kind": "risk",
        "category": "transition_ets",
        "facility": "F02",
        "likelihood": 4,
        "impact": 4,
        "review_date": -8,
        "actions": [
            {
                "description": "开展熔炼工序节能诊断",
                "due_date": -15,
                "status": "in_progress",
                "emergency_plan": False,
                "completed_on": None,
                "effective": None,
                "effectiveness_review": "",
            }
        ],
    },
    {
        "title": "客户要求产品碳标签",
        "kind": "risk",
        "category": "transition_labelling",
        "facility": "F01",
        "likelihood": 4,
        "impact": 3,
        "review_date": 30,
        "actions": [
            {
                "description": "完成主要产品碳足迹核算",
                "due_date": 14,
                "status": "planned",
                "emergency_plan": False,
                "completed_on": None,
                "effective": None,
                "effectiveness_review": "",
            }
        ],
    },
    {
        "title": "台风及风暴潮影响宁波仓库",
        "kind": "risk",
        "category": "physical_storm_surge",
        "facility": "F05",
        "likelihood": 2,
        "impact": 4,
        "review_date": 120,
        "actions": [
            {
                "description": "制定防台风应急预案并演练",
                "due_date": -30,
                "status": "done",
                "emergency_plan": True,
                "completed_on": -30,
                "effective": True,
                "effectiveness_review": _DRILL_REVIEW,
            }
        ],
    },
    {
        "title": "夏季极端高温导致限电",
        "kind": "risk",
        "category": "physical_extreme_temperature",
        "facility": "F03",
        "likelihood": 3,
        "impact": 4,
        "review_date": 60,
        "actions": [
            {
                "description": "储能系统错峰及应急柴油发电机检修",
                "due_date": 5,
                "status": "planned",
                "emergency_plan": True,
                "completed_on": None,
                "effective": None,
                "effectiveness_review": "",
            }
        ],
    },
    {
        "title": "暴雨内涝影响无锡配电房",
        "kind": "risk",
        "category": "physical_heavy_rain",
        "facility": "F02",
        "likelihood": 3,
        "impact": 3,
        "review_date": 200,
        "actions": [],
    },
    {
        "title": "绿电交易降低范围二排放",
        "kind": "opportunity",
        "category": "transition_market",
        "facility": "HQ",
        "likelihood": 3,
        "impact": 4,
        "review_date": 75,
        "actions": [
            {
                "description": "与售电公司签订年度绿电交易合同",
                "due_date": 40,
                "status": "in_progress",
                "emergency_plan": False,
                "completed_on": None,
                "effective": None,
                "effectiveness_review": "",
            }
        ],
    },
]
RISK_DEFAULTS = {"owner": "rep"}
RISK_ACTION_DEFAULTS = {"owner": "keeper"}
