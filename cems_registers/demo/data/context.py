"""Context of the organisation (4.1) and interested parties (4.2.1); no Django."""

#: 4.1 internal and external issues, by title.
CONTEXT_ISSUES = [
    {
        "title": "全国碳市场扩容至钢铁、建材、有色等行业",
        "kind": "external",
        "effect": "negative",
        "description": "铸造业务可能被纳入配额管理，履约成本上升。",
        "strategy_link": "十四五碳达峰行动方案",
        "review_date": -12,
    },
    {
        "title": "欧盟碳边境调节机制（CBAM）",
        "kind": "external",
        "effect": "negative",
        "description": "出口欧洲的铸件需申报隐含排放。",
        "strategy_link": "海外市场战略",
        "review_date": 20,
    },
    {
        "title": "屋顶资源可用于分布式光伏",
        "kind": "internal",
        "effect": "positive",
        "description": "苏州、合肥厂房屋顶约 3.2 万 m² 可安装光伏。",
        "strategy_link": "能源结构优化规划",
        "review_date": 150,
    },
    {
        "title": "能源计量自动化程度不足",
        "kind": "internal",
        "effect": "negative",
        "description": "部分车间仍人工抄表，数据质量受限。",
        "strategy_link": "数字化工厂建设",
        "review_date": 60,
    },
]
CONTEXT_ISSUE_DEFAULTS = {"owner": "rep"}

#: 4.2.1 interested parties, by party; ``obligation`` is the key of an obligation row.
INTERESTED_PARTIES = [
    {
        "party": "江苏省生态环境厅",
        "category": "government",
        "needs_expectations": "按期报送排放报告，配合核查",
        "becomes_obligation": True,
        "obligation": "ets",
        "monitoring": "每年 3 月报送前复核",
    },
    {
        "party": "欧洲整车客户",
        "category": "customer",
        "needs_expectations": "提供经核查的零部件碳足迹，逐年降低 5%",
        "becomes_obligation": True,
        "obligation": "customer",
        "monitoring": "季度供应商会议",
    },
    {
        "party": "银行及投资者",
        "category": "investor",
        "needs_expectations": "披露气候相关财务信息（ESG 报告）",
        "becomes_obligation": False,
        "obligation": None,
        "monitoring": "年度 ESG 评级反馈",
    },
    {
        "party": "周边社区居民",
        "category": "community",
        "needs_expectations": "减少铸造烟尘及能源消耗",
        "becomes_obligation": False,
        "obligation": None,
        "monitoring": "公众开放日、意见箱",
    },
    {
        "party": "员工",
        "category": "employee",
        "needs_expectations": "安全、节能的作业环境与培训",
        "becomes_obligation": False,
        "obligation": None,
        "monitoring": "职代会",
    },
]
INTERESTED_PARTY_DEFAULTS = {"owner": "rep", "review_date": 90}
