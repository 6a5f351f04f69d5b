"""Home page text of the demo enterprise (pure data, no Django)."""

HOME = {
    "slug": "home",
    "zh": {
        "title": "华东绿能精密制造股份有限公司 碳排放管理",
        "intro": "以精密制造践行低碳承诺：我们按照 T/CSES 146—2024 建立并运行碳排放管理体系。",
        "results_link": "{title}：范围一和范围二排放、能源消耗量、排放强度和目标进展",
        "body": [
            (
                "我们是谁",
                [
                    "华东绿能精密制造股份有限公司（简称“绿能精密”）是一家通用设备制造企业，主要产品为精密铸件、机加工零部件及整机装配，服务于工程机械、压缩机和轨道交通客户。公司总部位于上海张江，在苏州、无锡、合肥设有生产基地，在上海设有研发中心。",
                    "碳排放主要来自铸造熔炼（焦炭冲天炉、天然气熔炼炉、中频感应炉）、锅炉和热风炉用能、外购电力和蒸汽，以及空调、冷库和开关柜中含氟气体的逸散。",
                ],
            ),
            (
                "我们的承诺",
                [
                    "公司于 2026 年 1 月 1 日发布新版《碳排放管理方针》，承诺履行合规义务、积极应对气候变化，并以碳排放强度持续下降为主线设定目标。方针、体系范围与边界在本网站公开；经第三方核查的年度碳排放结果每年 4 月随公司可持续发展报告发布。欢迎各相关方查阅并提出意见。",
                ],
            ),
            (
                "查阅与反馈",
                [
                    "请从下方链接查阅《碳排放管理方针》、《碳排放管理体系范围与边界》、术语表。对我们的碳排放管理有任何咨询、投诉、建议或数据索取，欢迎通过下方的“意见反馈”页面提交（提交后即获得编号），也可发送电子邮件至 carbon@greenprecision.example，碳排放管理办公室将在 10 个工作日内答复。",
                ],
            ),
        ],
    },
    "en": {
        "title": "East China Green Precision Manufacturing — carbon management",
        "intro": "Precision manufacturing with a low-carbon commitment: we run a carbon emission management system built on T/CSES 146—2024.",
        "results_link": "{title}: scope 1 and scope 2 emissions, energy, intensity and progress on our objectives",
        "body": [
            (
                "Who we are",
                [
                    "East China Green Precision Manufacturing Co., Ltd. (GreenPrecision) makes general equipment: precision castings, machined components and assembled machines for construction-machinery, compressor and rail customers. Our head office is in Zhangjiang, Shanghai; we have plants in Suzhou, Wuxi and Hefei and an R&D centre in Shanghai.",
                    "Our emissions come mainly from foundry melting (a coke cupola, a gas-fired melting furnace and induction furnaces), energy use in boilers and a hot-air stove, purchased electricity and steam, and leaks of fluorinated gases from air conditioning, a cold store and switchgear.",
                ],
            ),
            (
                "Our commitment",
                [
                    "On 1 January 2026 we issued a new Carbon Emission Management Policy. It commits us to meet our compliance obligations, to act on climate change and to set objectives around a steady fall in carbon intensity. The policy and the scope and boundary of the system are published on this site for every interested party; our third-party-verified annual emissions appear each April in our sustainability report.",
                ],
            ),
            (
                "Read and respond",
                [
                    "Follow the links below to the Carbon Emission Management Policy, the Scope and Boundary, and the glossary. Questions, complaints, suggestions and requests for data are welcome through the Feedback page below (it gives you a reference number at once) or by e-mail to carbon@greenprecision.example; the Carbon Management Office answers within 10 working days.",
                ],
            ),
        ],
    },
}
