"""Roles, responsibilities and authorities (5.3); no Django."""

import datetime as dt

#: 5.3 roles, by role; ``key`` names the row for competences; ``person`` is a user key.
RESPONSIBILITIES = [
    {
        "key": "ceo",
        "role": "总经理（最高管理者）",
        "kind": "top_management",
        "person": "ceo",
        "person_name": "王总",
        "department": "总经理办公室",
        "duties": "批准碳排放管理方针和目标，提供资源，主持管理评审",
        "authority": "最终批准权",
        "appointed_by": "董事会",
    },
    {
        "key": "rep",
        "role": "管理者代表",
        "kind": "management_representative",
        "person": "rep",
        "person_name": "陈副总",
        "department": "运营管理部",
        "duties": "建立、实施和保持碳排放管理体系，向最高管理者报告体系绩效",
        "authority": "体系运行协调与监督",
        "appointed_by": "总经理",
    },
    {
        "key": "body",
        "role": "碳排放管理办公室主任",
        "kind": "carbon_body",
        "person": "keeper",
        "person_name": "刘主任",
        "department": "能源环保部",
        "duties": "组织核算、登记台账、跟踪目标与方案",
        "authority": "数据与台账管理",
        "appointed_by": "总经理",
    },
    {
        "key": "data",
        "role": "数据管理员",
        "kind": "data",
        "person": "submitter",
        "person_name": "赵工",
        "department": "能源环保部",
        "duties": "收集、录入月度活动数据",
        "authority": "数据提交",
        "appointed_by": "总经理",
    },
    {
        "key": "audit",
        "role": "内审组长",
        "kind": "audit",
        "person": "auditor",
        "person_name": "孙工",
        "department": "质量部",
        "duties": "策划并实施内部审核",
        "authority": "审核与开具不符合项",
        "appointed_by": "总经理",
    },
]


def appointed_on(today: dt.date) -> dt.date:
    """Every role was appointed on 5 January of last year."""
    return dt.date(today.year - 1, 1, 5)
