"""The demo's monitoring plan (数据质量控制计划, 8.5, 9.1.4): two versions; no Django.

Version 1 (in force 2023–2024) has the melting furnace's natural gas tested quarterly;
version 2 (in force from 2025) says monthly, but the 2025 data still carry the quarterly test
only: the deliberate gap that the 2025 run flags (8 months "default used where the plan says
measured"). ``sources``, ``instrument`` and ``responsible`` are codes and demo user names.
"""

PLAN_CODE = "MP-01"
PLAN = {
    "code": PLAN_CODE,
    "title": "绿能精密温室气体排放数据质量控制计划",
    "boundary": "HQ",
    "owner": "keeper",
    "description": (
        "核算边界为绿能精密（集团）法人边界，包括苏州总装厂、无锡铸造分厂、合肥零部件厂和上海研发中心。"
        "主要排放设施：燃气锅炉 1#/2#、天然气熔炼炉、焦炭冲天炉、燃煤热风炉、外购电力与蒸汽。"
    ),
    "quality_assurance": (
        "1. 计量器具按检定周期送检，过期未检的数据在报送前标注并由数据审核人复核。\n"
        "2. 燃料消耗量以计量表读数为准，每月与采购发票交叉核对，差异超过 2% 时查明原因。\n"
        "3. 数据缺失时按前三个月均值估算，并在台账中注明原因和估算方法。\n"
        "4. 数据由数据负责人录入，数据审核人审核后方可计入核算（8.5）。"
    ),
}

#: (version, effective from, approved on, revision note, S03 NCV frequency)
VERSIONS = (
    (1, "2023-01-01", "2022-12-20", "首次发布。", "quarterly"),
    (
        2,
        "2025-01-01",
        "2024-12-18",
        "天然气熔炼炉（S03）天然气低位发热量由每季度检测改为每月检测。",
        "monthly",
    ),
)

DATA_FLOW_METER = "计量表读数 → 车间日台账 → 能源管理员月汇总 → 数据审核人审核 → 报送"
DATA_FLOW_INVOICE = "采购发票 → 财务台账 → 能源管理员月汇总 → 数据审核人审核 → 报送"
DATA_FLOW_LAB = "取样 → 第三方实验室检测报告 → 能源管理员录入 → 数据审核人审核"
ARCHIVE = "能源管理部电子台账及纸质原始记录，保存不少于 5 年"

#: Rows of every version: (source, parameter, method, instrument, frequency, data flow).
#: ``None`` as the frequency of S03's NCV takes the version's.
ITEMS = (
    ("S01", "activity_data", "measured", "M01", "monthly", DATA_FLOW_METER),
    ("S01", "ncv", "default", None, "yearly", "采用《指南》缺省值"),
    ("S02", "activity_data", "measured", "M01", "monthly", DATA_FLOW_METER),
    ("S02", "ncv", "default", None, "yearly", "采用《指南》缺省值"),
    ("S03", "activity_data", "measured", "M02", "monthly", DATA_FLOW_METER),
    ("S03", "ncv", "measured", None, None, DATA_FLOW_LAB),
    ("S04", "activity_data", "measured", "M04", "monthly", DATA_FLOW_METER),
    ("S04", "carbon_content", "default", None, "yearly", "采用《指南》缺省值"),
    ("S05", "activity_data", "measured", "M04", "monthly", DATA_FLOW_METER),
    ("S06", "activity_data", "calculated", None, "monthly", DATA_FLOW_INVOICE),
    ("S18", "activity_data", "measured", "M03", "monthly", DATA_FLOW_METER),
    ("S22", "activity_data", "measured", "M03", "monthly", DATA_FLOW_METER),
    ("S23", "activity_data", "measured", "M05", "monthly", DATA_FLOW_METER),
)
#: Demo user responsible for the rows.
RESPONSIBLE = "submitter"
#: Who approved the versions (top management).
APPROVER = "ceo"
