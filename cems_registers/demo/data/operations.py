"""Design reviews (8.2), suppliers and their declared footprints (8.3), changes (8.4); no Django."""

#: 8.2 design reviews, by title.
DESIGN_REVIEWS = [
    {
        "title": "合肥新装配车间建筑设计评审",
        "subject": "facility",
        "carbon_considerations": "屋面预留光伏荷载；采用空气源热泵供暖；LED 照明",
        "decision": "通过，增加光伏预留",
        "follow_up_due": -4,
        "follow_up_done": False,
    },
    {
        "title": "新一代减速机壳体轻量化设计",
        "subject": "product",
        "carbon_considerations": "材料由灰铸铁改球墨铸铁，单件减重 12%",
        "decision": "通过",
        "follow_up_due": 90,
        "follow_up_done": False,
    },
]
DESIGN_REVIEW_DEFAULTS = {
    "reviewed_on": -30,
    "expected_effect": "预计年减排 150 tCO2e",
    "reviewers": "技术中心、能源环保部",
    "owner": "keeper",
}

#: 8.3 suppliers, by name; ``footprints`` (declared product footprints of last year) by
#: supplier and product.
SUPPLIERS = [
    {
        "name": "华东铸材有限公司",
        "goods": "生铁、废钢",
        "significant": True,
        "rating": "B",
        "next_evaluation": -2,
        "footprints": [
            {
                "product": "铸造生铁",
                "value": "1850",
                "unit": "kgCO2e/t",
                "boundary": "cradle_to_gate",
                "method": "ISO 14067",
                "verified": True,
            }
        ],
    },
    {
        "name": "苏州绿电售电有限公司",
        "goods": "绿色电力",
        "significant": True,
        "rating": "A",
        "next_evaluation": 200,
        "footprints": [
            {
                "product": "绿色电力",
                "value": "0",
                "unit": "kgCO2e/MWh",
                "boundary": "cradle_to_gate",
                "method": "绿证",
                "verified": True,
            }
        ],
    },
    {
        "name": "长三角物流有限公司",
        "goods": "公路运输服务",
        "significant": False,
        "rating": "C",
        "next_evaluation": 28,
        "footprints": [],
    },
]
SUPPLIER_DEFAULTS = {
    "informed": True,
    "low_carbon_evaluation": "已书面告知低碳采购要求，并评价其碳管理能力。",
    "evaluated_on": -100,
    "owner": "keeper",
}

#: 8.4 changes, by title; ``description`` is the title; ``sources`` are source codes.
CHANGES = [
    {
        "title": "电网排放因子更新为最新全国平均值",
        "kind": "methodology",
        "planned": True,
        "status": "implemented",
        "verification": "",
        "due_date": -1,
        "sources": ["S18", "S19", "S20", "S21"],
    },
    {
        "title": "无锡新增 2 台中频感应电炉",
        "kind": "sources",
        "planned": True,
        "status": "approved",
        "verification": "",
        "due_date": 35,
        "sources": ["S19"],
    },
    {
        "title": "合肥冷库制冷剂泄漏（非计划）",
        "kind": "sources",
        "planned": False,
        "status": "verified",
        "verification": "下月核算复核",
        "due_date": None,
        "sources": ["S16"],
    },
]
CHANGE_DEFAULTS = {
    "evaluation": "评估对核算结果及边界的影响。",
    "actions": "更新排放源台账与核算参数。",
    "owner": "keeper",
}
