"""Measuring instruments (9.1.4), internal audit (9.3), nonconformities and corrective
actions (9.4, 10.2), management review (9.5); no Django."""

#: 9.1.4 measuring instruments, by code; ``sources`` are source codes.
INSTRUMENTS = [
    {
        "code": "M01",
        "name": "天然气涡轮流量计（锅炉房总表）",
        "measures": "天然气 Nm³",
        "facility": "F01",
        "sources": ["S01", "S02"],
        "accuracy_class": "1.0 级",
        "last_calibrated": -350,
        "next_calibration": 15,
    },
    {
        "code": "M02",
        "name": "天然气流量计（熔炼炉）",
        "measures": "天然气 Nm³",
        "facility": "F02",
        "sources": ["S03"],
        "accuracy_class": "1.0 级",
        "last_calibrated": -380,
        "next_calibration": -15,
    },
    {
        "code": "M03",
        "name": "关口电能表（苏州 110 kV）",
        "measures": "电量 kWh",
        "facility": "F01",
        "sources": ["S18", "S22"],
        "accuracy_class": "0.2S 级",
        "last_calibrated": -100,
        "next_calibration": 265,
    },
    {
        "code": "M04",
        "name": "地磅（焦炭、煤进厂）",
        "measures": "质量 t",
        "facility": "F02",
        "sources": ["S04", "S05"],
        "accuracy_class": "III 级",
        "last_calibrated": -200,
        "next_calibration": 165,
    },
    {
        "code": "M05",
        "name": "蒸汽流量计",
        "measures": "蒸汽 t",
        "facility": "F01",
        "sources": ["S23"],
        "accuracy_class": "1.5 级",
        "last_calibrated": -340,
        "next_calibration": 25,
    },
]
INSTRUMENT_DEFAULTS = {"calibration_interval_months": 12, "owner": "keeper"}

#: 9.3 this year's audit programme, by code.
AUDIT_PROGRAMME = {
    "code": "AP-{year}",
    "title": "{year} 年碳排放管理体系内部审核方案",
    "purpose": "验证体系符合 T/CSES 146—2024 并有效运行",
    "criteria": "T/CSES 146—2024；碳排放管理手册及程序文件",
    "scope": "苏州总装厂、无锡铸造分厂、合肥零部件厂、上海研发中心",
    "lead_auditor": "auditor",
    "lead_auditor_name": "孙工",
    "team": "孙工（组长）、周工、吴工",
    "schedule": "6 月：苏州、无锡；7 月：合肥、上海",
    "planned_date": -45,
    "status": "reported",
}

#: The audit of the programme, by programme and title; ``findings`` by audit and reference.
AUDIT = {
    "title": "无锡铸造分厂内部审核",
    "audited_on": -45,
    "auditee": "无锡铸造分厂、能源环保部",
    "overview": "审核了排放源识别、活动数据收集、计量器具管理和目标方案。",
    "conclusion": "体系基本符合要求，有效运行；发现 1 项一般不符合和 1 项观察项。",
    "distribution": "总经理、管理者代表、各部门负责人",
    "report_date": -40,
    "status": "reported",
    "owner": "auditor",
    "findings": [
        {
            "reference": "NC-01",
            "clause": "9.1",
            "kind": "minor",
            "description": "熔炼炉天然气流量计 M02 已超过校准有效期，仍用于活动数据采集。",
            "evidence": "M02 校准证书有效期至上月，现场未见新证书。",
        },
        {
            "reference": "OBS-01",
            "clause": "7.2",
            "kind": "observation",
            "description": "部分数据员未参加年度复训。",
        },
    ],
}

#: 9.4/10.2 nonconformities, by code; ``description`` is the title; ``finding`` is a finding
#: reference; ``actions`` (corrective and preventive) by nonconformity and description.
NONCONFORMITIES = [
    {
        "code": "NC-001",
        "title": "计量器具超期未校准",
        "source": "audit",
        "finding": "NC-01",
        "facility": "F02",
        "severity": "minor",
        "raised_on": -45,
        "due_date": -5,
        "status": "action",
        "closed_on": None,
        "closure_note": "",
        "actions": [
            {
                "kind": "corrective",
                "description": "立即送检 M02，期间用备用表比对",
                "due_date": -30,
                "completed_on": -28,
                "effectiveness_checked_on": -10,
                "effective": True,
                "effectiveness_note": "新证书已取得，比对偏差 0.6%，措施有效。",
            },
            {
                "kind": "preventive",
                "description": "在系统中为所有计量器具设置校准到期提醒",
                "due_date": -5,
                "completed_on": None,
                "effectiveness_checked_on": None,
                "effective": None,
                "effectiveness_note": "",
            },
        ],
    },
    {
        "code": "NC-002",
        "title": "3 月合肥厂燃煤活动数据缺失",
        "source": "monitoring",
        "finding": None,
        "facility": "F03",
        "severity": "minor",
        "raised_on": -20,
        "due_date": 12,
        "status": "open",
        "closed_on": None,
        "closure_note": "",
        "actions": [
            {
                "kind": "corrective",
                "description": "补录入厂地磅记录并复核",
                "due_date": 12,
                "completed_on": None,
                "effectiveness_checked_on": None,
                "effective": None,
                "effectiveness_note": "",
            }
        ],
    },
    {
        "code": "NC-003",
        "title": "客户投诉碳足迹声明数据不一致",
        "source": "complaint",
        "finding": None,
        "facility": "F03",
        "severity": "major",
        "raised_on": -70,
        "due_date": -35,
        "status": "closed",
        "closed_on": -35,
        "closure_note": "经验证措施有效，关闭。",
        "actions": [
            {
                "kind": "corrective",
                "description": "统一碳足迹核算边界并重新出具声明",
                "due_date": -50,
                "completed_on": -48,
                "effectiveness_checked_on": -36,
                "effective": True,
                "effectiveness_note": "客户确认新声明，无再次投诉。",
            }
        ],
    },
]
NONCONFORMITY_DEFAULTS = {
    "root_cause": "职责未明确，缺少到期提醒机制。",
    "correction": "已采取临时控制措施。",
    "owner": "keeper",
}
CORRECTIVE_ACTION_DEFAULTS = {"owner": "keeper"}

#: 9.5 this year's management review, by title; its inputs are gathered from the registers
#: when it is created; ``decisions`` by review and decision.
MANAGEMENT_REVIEW = {
    "title": "{year} 年度管理评审",
    "held_on": -3,
    "chair": "ceo",
    "attendees": "王总、陈副总、各部门负责人",
    "conclusions": "体系适宜、充分、有效；需加快光伏二期并加强计量管理。",
    "next_review": 360,
    "decisions": [
        {"kind": "resources", "decision": "追加 200 万元用于屋顶光伏二期", "due_date": 30},
        {"kind": "improvement", "decision": "建立计量器具校准到期自动提醒", "due_date": -2},
        {"kind": "objectives", "decision": "将 2030 年目标分解到各工厂", "due_date": 90},
    ],
}
REVIEW_DECISION_DEFAULTS = {"owner": "rep", "status": "open"}
