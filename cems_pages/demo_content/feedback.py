"""The demo enterprise's feedback form page and three handled submissions (pure data, no Django).

Dates are days before the day the demo is loaded. ``answer`` is written by the communication's
owner; ``nonconformity`` raises one from the complaint (10.2); ``party`` links the entry to an
interested party of the register (4.2.1), created when it does not exist.
"""

FEEDBACK_PAGE = {
    "slug": "feedback",
    "handler": "rep",
    "zh": {
        "title": "意见反馈",
        "intro": [
            "欢迎就我们的碳排放管理方针、目标、核算结果和信息公开提出咨询、投诉、建议或数据索取。碳排放管理办公室将在 10 个工作日内答复。",
        ],
        "privacy_notice": [
            "我们仅为答复您的来信而保存您填写的姓名、单位、电子邮箱和内容，并记入公司的沟通记录；只有负责处理沟通的碳排放管理办公室、管理者代表和最高管理者可以查阅。",
            "记录保存三年，用于答复和管理评审（管理评审只使用不含个人信息的汇总）。如需查询或删除您的信息，请发送电子邮件至 carbon@greenprecision.example 并注明编号，我们将在 10 个工作日内办理。",
        ],
        "thank_you": [
            "碳排放管理办公室已收到您的意见，将在 10 个工作日内答复。",
        ],
    },
    "en": {
        "title": "Feedback",
        "intro": [
            "Questions, complaints, suggestions and requests for data on our carbon policy, objectives, results and disclosures are welcome. The Carbon Management Office answers within 10 working days.",
        ],
        "privacy_notice": [
            "We keep the name, organisation, e-mail address and message you send only to answer you, in the company's communication log; only the Carbon Management Office, the management representative and top management, who handle communications, can read them.",
            "The record is kept for three years, to answer you and for the management review (which sees a summary without personal data). To see or delete your data, e-mail carbon@greenprecision.example quoting your reference number; we act within 10 working days.",
        ],
        "thank_you": [
            "The Carbon Management Office has received your feedback and answers within 10 working days.",
        ],
    },
}

#: Three submissions received through the form and handled.
SUBMISSIONS = [
    {
        "days_ago": 40,
        "language": "zh-hans",
        "name": "周晓雯",
        "organisation": "张江社区居民",
        "email": "zhou.xiaowen@example.com",
        "kind": "question",
        "message": "请问贵公司 2025 年的温室气体排放总量是多少？是否经过第三方核查？",
        "answer": "您好，公司 2025 年度温室气体排放结果已经第三方核查，将于每年 4 月随可持续发展报告公开，届时可在本网站查阅。感谢您的关注。",
        "answered_after": 4,
        "party": None,
    },
    {
        "days_ago": 25,
        "language": "zh-hans",
        "name": "钱立",
        "organisation": "苏州工厂周边居民",
        "email": "qian.li@example.com",
        "kind": "complaint",
        "message": "苏州工厂冲天炉夜间排气时有明显异味和黑烟，希望尽快处理，并说明是否影响碳排放数据。",
        "answer": "您好，经核实为 3 月冲天炉焦炭批次质量异常导致燃烧不充分。我们已更换焦炭供应批次、加强燃烧控制，并登记为不符合项跟踪整改；该期间的焦炭消耗已如实计入排放核算。感谢您的监督。",
        "answered_after": 6,
        "nonconformity": True,
        "party": {"name": "苏州工厂周边社区", "category": "community"},
    },
    {
        "days_ago": 12,
        "language": "en",
        "name": "Anna Schmidt",
        "organisation": "Nordwind Kompressoren GmbH",
        "email": "a.schmidt@nordwind.example",
        "kind": "data_request",
        "message": "As your customer we need the product carbon footprint of the compressor housings (castings) you supply, with the method and boundary, for our 2026 supplier survey.",
        "answer": "Thank you for your request. The cradle-to-gate footprint of the HG-series compressor housings is 2.1 tCO2e per tonne of castings (2025 data, ISO 14067, boundary: our Suzhou foundry and upstream materials). The product footprint statement is attached to this reply.",
        "answered_after": 3,
        "party": {"name": "出口客户（压缩机制造商）", "category": "customer"},
    },
]
