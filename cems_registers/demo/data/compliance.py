"""Compliance obligations (4.2.2) and their evaluations (9.2); no Django."""

#: 4.2.2 obligations, by title; ``key`` names the row for evaluations and interested parties.
OBLIGATIONS = [
    {
        "key": "ets",
        "title": "碳排放权交易管理暂行条例",
        "issuer": "国务院",
        "number": "国务院令第 775 号",
        "kind": "regulation",
        "clause": "第十一条 排放报告",
        "applicability": "全公司",
        "how_applied": "按年度编制排放报告并接受核查",
        "next_review": -5,
    },
    {
        "key": "guide",
        "title": "工业其他行业企业温室气体排放核算方法与报告指南（试行）",
        "issuer": "国家发展改革委",
        "number": "发改办气候〔2015〕1722 号",
        "kind": "standard",
        "clause": "全文",
        "applicability": "全公司",
        "how_applied": "核算方法与排放因子的依据",
        "next_review": 45,
    },
    {
        "key": "energy",
        "title": "中华人民共和国节约能源法",
        "issuer": "全国人民代表大会常务委员会",
        "number": "主席令第 16 号",
        "kind": "law",
        "clause": "第五十二条 重点用能单位",
        "applicability": "全公司",
        "how_applied": "年度能源利用状况报告",
        "next_review": 200,
    },
    {
        "key": "gbt",
        "title": "GB/T 32150—2015 工业企业温室气体排放核算和报告通则",
        "issuer": "国家标准化管理委员会",
        "number": "GB/T 32150—2015",
        "kind": "standard",
        "clause": "第 6 章",
        "applicability": "全公司",
        "how_applied": "排放源识别与分类",
        "next_review": 300,
    },
    {
        "key": "customer",
        "title": "主要客户供应链减碳协议",
        "issuer": "某欧洲整车厂",
        "number": "SC-2025-018",
        "kind": "contract",
        "clause": "第 4 条 产品碳足迹声明",
        "applicability": "苏州总装厂出口产品",
        "how_applied": "每年提供零部件碳足迹",
        "next_review": 10,
    },
]
OBLIGATION_DEFAULTS = {"review_interval_months": 12, "owner": "rep"}

#: 9.2 evaluations, by obligation and date; recorded through
#: ``compliance_evaluation_record`` (it schedules the obligation's next review).
EVALUATIONS = [
    {
        "obligation": "ets",
        "evaluated_on": -375,
        "result": "compliant",
        "evidence": "上年度排放报告已按期报送，核查无重大差异。",
        "actions": "",
        "action_due": None,
    },
    {
        "obligation": "guide",
        "evaluated_on": -35,
        "result": "partial",
        "evidence": "熔炼工序碳含量未实测，使用缺省值。",
        "actions": "委托第三方实测增碳剂含碳量",
        "action_due": -3,
    },
    {
        "obligation": "customer",
        "evaluated_on": -350,
        "result": "partial",
        "evidence": "仅提供了 3 种零部件的碳足迹。",
        "actions": "补充其余 5 种零部件碳足迹",
        "action_due": 25,
    },
]
EVALUATION_DEFAULTS = {"evaluator": "rep", "owner": "keeper"}
