"""The process map (clause 4.4.3), pure data, no Django.

Each process: clause, owner department key, linked procedure or rule document number, and
zh/en dicts with name, inputs, outputs, criteria and next (the processes that take its outputs).
"""

from .common import EDITION_DATE

PROCESS_MAP = {
    "document_number": "GP-CM-04",
    "slug": "process-map",
    "version": "2.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["4.4.3"],
    "zh": {
        "title": "碳排放管理体系过程图",
        "intro": (
            "本过程图按 T/CSES 146—2024 第 4.4.3 条列出体系所需的过程、归口部门、输入、输出、运行准则和过程之间的顺序与相互作用，"
            "并链接到规定该过程的程序文件或管理制度。过程按“策划—实施—检查—改进”循环排列：环境和相关方、风险、核算、评估、目标为策划；"
            "文件、采购、变更、数据、运行控制为实施；监视测量、合规性评价、内审为检查；纠正措施和管理评审为改进。"
        ),
        "change_summary": "第 2.0 版：按 14 个程序文件重新划分过程，增加每个过程的运行准则。",
    },
    "en": {
        "title": "Process Map of the Carbon Emission Management System",
        "intro": (
            "Following clause 4.4.3 of T/CSES 146—2024, this map lists the processes the system needs, their owners, inputs, outputs and operating criteria, and their sequence "
            "and interaction, with a link to the procedure or rule that governs each. The processes follow plan–do–check–act: context and interested parties, risks, accounting, "
            "assessment and objectives plan; documents, procurement, change, data and operational control do; monitoring, compliance evaluation and internal audit check; "
            "corrective action and management review act."
        ),
        "change_summary": "Version 2.0: processes redrawn around the 14 procedures; operating criteria added for each.",
    },
    "processes": [
        {
            "clause": "4.1, 4.2",
            "owner": "cmo",
            "procedure": "GP-CP-13",
            "zh": {
                "name": "内外部因素和相关方管理",
                "inputs": "公司战略；政策、市场和气候信息；相关方要求和反馈",
                "outputs": "内外部因素清单；相关方清单；合规义务候选项",
                "criteria": "每年评审一次；反馈 10 个工作日内答复",
                "next": "风险和机遇管理；合规性评价；管理评审",
            },
            "en": {
                "name": "Context and interested parties",
                "inputs": "Company strategy; policy, market and climate information; interested parties' requirements and feedback",
                "outputs": "Register of context issues; register of interested parties; candidate compliance obligations",
                "criteria": "Reviewed yearly; feedback answered within 10 working days",
                "next": "Risks and opportunities; compliance evaluation; management review",
            },
        },
        {
            "clause": "6.1, 6.2",
            "owner": "cmo",
            "procedure": "GP-CP-14",
            "zh": {
                "name": "风险和机遇管理",
                "inputs": "内外部因素；合规义务；主要排放源和汇",
                "outputs": "风险和机遇清单及热力图；应对措施；应急预案",
                "criteria": "高风险 100% 有措施；措施到期评审有效性",
                "next": "目标与实施方案；运行控制；管理评审",
            },
            "en": {
                "name": "Risks and opportunities",
                "inputs": "Context issues; compliance obligations; main sources and sinks",
                "outputs": "Register of risks and opportunities with heat map; actions; emergency plans",
                "criteria": "Every high risk has an action; effectiveness reviewed when due",
                "next": "Objectives and plans; operational control; management review",
            },
        },
        {
            "clause": "6.3",
            "owner": "cmo",
            "procedure": "GP-CP-01",
            "zh": {
                "name": "碳排放核算",
                "inputs": "批准的活动数据；排放因子库；排放源清单；边界和报告期",
                "outputs": "月度快报；年度核算报告；产品碳足迹；核查报告",
                "criteria": "年度报告 3 月 31 日前完成；核查无重大不符合",
                "next": "碳排放评估；监视测量和分析；信息公开",
            },
            "en": {
                "name": "Carbon accounting",
                "inputs": "Approved activity data; emission factor library; register of sources; boundary and period",
                "outputs": "Monthly flash report; annual accounting report; product footprints; verification report",
                "criteria": "Annual report by 31 March; no major nonconformity at verification",
                "next": "Assessment; monitoring and analysis; public disclosure",
            },
        },
        {
            "clause": "6.4",
            "owner": "cmo",
            "procedure": "GP-CP-02",
            "zh": {
                "name": "碳排放评估",
                "inputs": "核算报告；能源审计；减排机会；投资计划",
                "outputs": "排序的减排机会；边际减排成本曲线；趋势预测；评估报告",
                "criteria": "评估报告 6 月 30 日前完成；显著变化时更新",
                "next": "目标与实施方案；管理评审",
            },
            "en": {
                "name": "Carbon emission assessment",
                "inputs": "Accounting report; energy audits; reduction opportunities; investment plans",
                "outputs": "Ranked opportunities; marginal abatement cost curve; trend forecast; assessment report",
                "criteria": "Report by 30 June; updated on significant change",
                "next": "Objectives and plans; management review",
            },
        },
        {
            "clause": "6.5, 6.6, 7.1",
            "owner": "cmo",
            "procedure": "GP-CP-03",
            "zh": {
                "name": "目标与实施方案",
                "inputs": "方针；评估报告；风险和机遇；合规义务；预算",
                "outputs": "目标和指标清单；实施方案；月度进展",
                "criteria": "公司级目标经总经理批准；里程碑按期率 ≥ 90%",
                "next": "运行控制；采购；监视测量和分析",
            },
            "en": {
                "name": "Objectives and implementation plans",
                "inputs": "Policy; assessment report; risks and opportunities; compliance obligations; budget",
                "outputs": "Register of objectives and indicators; implementation plans; monthly progress",
                "criteria": "Company objectives approved by the General Manager; ≥ 90 % milestones on time",
                "next": "Operational control; procurement; monitoring and analysis",
            },
        },
        {
            "clause": "7.2",
            "owner": "hr",
            "procedure": "GP-MR-04",
            "zh": {
                "name": "能力、意识和绩效考核",
                "inputs": "岗位能力要求；培训需求；目标完成情况",
                "outputs": "培训计划和记录；考核结果；奖励",
                "criteria": "关键岗位持证上岗；季度考核",
                "next": "目标与实施方案；管理评审",
            },
            "en": {
                "name": "Competence, awareness and appraisal",
                "inputs": "Competence requirements of posts; training needs; achievement of objectives",
                "outputs": "Training plan and records; appraisal results; rewards",
                "criteria": "Key posts held by certified staff; quarterly appraisal",
                "next": "Objectives and plans; management review",
            },
        },
        {
            "clause": "7.3",
            "owner": "cmo",
            "procedure": "GP-CP-04",
            "zh": {
                "name": "文件化信息控制",
                "inputs": "文件编制和修订需求；法规和标准变化；审核和评审结果",
                "outputs": "受控文件（中英文）；修订历史；废止文件清单",
                "criteria": "按期评审率 100%；现场无失效文件",
                "next": "全部过程",
            },
            "en": {
                "name": "Control of documented information",
                "inputs": "Needs to write or revise documents; regulatory and standard changes; audit and review results",
                "outputs": "Controlled documents (Chinese and English); revision history; list of withdrawn documents",
                "criteria": "100 % reviewed on time; no obsolete documents in use",
                "next": "Every process",
            },
        },
        {
            "clause": "8.1, 8.2",
            "owner": "energy",
            "procedure": "GP-MR-01",
            "zh": {
                "name": "运行控制（能源计量、熔炼、制冷和含氟气体）",
                "inputs": "运行准则；目标和实施方案；设计评审要求",
                "outputs": "按准则运行的设施；计量和运行记录",
                "criteria": "一级计量配备率 100%；含氟气体年补充量 ≤ 额定量 10%",
                "next": "数据管理；监视测量和分析",
            },
            "en": {
                "name": "Operational control (energy metering, melting, refrigeration and fluorinated gases)",
                "inputs": "Operating criteria; objectives and plans; design review requirements",
                "outputs": "Facilities run to criteria; metering and operating records",
                "criteria": "100 % first-level metering; fluorinated-gas top-ups ≤ 10 % of rated charge a year",
                "next": "Data management; monitoring and analysis",
            },
        },
        {
            "clause": "8.3",
            "owner": "procurement",
            "procedure": "GP-CP-05",
            "zh": {
                "name": "低碳采购",
                "inputs": "采购申请；显著碳影响采购清单；供应商碳信息",
                "outputs": "碳影响评价；含低碳条款的合同；供应商分级",
                "criteria": "显著采购 100% 评价；设备能效 2 级及以上",
                "next": "运行控制；目标与实施方案",
            },
            "en": {
                "name": "Low-carbon procurement",
                "inputs": "Purchase requisitions; list of significant purchases; suppliers' carbon information",
                "outputs": "Carbon impact evaluations; contracts with low-carbon clauses; supplier ratings",
                "criteria": "100 % of significant purchases evaluated; equipment efficiency grade 2 or better",
                "next": "Operational control; objectives and plans",
            },
        },
        {
            "clause": "8.4",
            "owner": "cmo",
            "procedure": "GP-CP-06",
            "zh": {
                "name": "变更控制",
                "inputs": "变更申请；非预期变更报告",
                "outputs": "变更登记和碳影响评价；更新的排放源清单和文件；验证结果",
                "criteria": "实施前 100% 评价；30 天内更新文件",
                "next": "碳排放核算；碳排放评估；文件化信息控制",
            },
            "en": {
                "name": "Change control",
                "inputs": "Change requests; reports of unintended changes",
                "outputs": "Change records with carbon impact; updated source register and documents; verification",
                "criteria": "100 % evaluated before implementation; documents updated within 30 days",
                "next": "Carbon accounting; assessment; control of documented information",
            },
        },
        {
            "clause": "8.5",
            "owner": "cmo",
            "procedure": "GP-CP-07",
            "zh": {
                "name": "碳排放数据管理",
                "inputs": "计量读数；发票和结算单；化验报告；生产统计",
                "outputs": "批准的月度活动数据集；数据质量标识",
                "criteria": "5 日前提交；一次审核通过率 ≥ 95%；估算数据 ≤ 2%",
                "next": "碳排放核算",
            },
            "en": {
                "name": "Emissions data management",
                "inputs": "Meter readings; invoices and statements; laboratory reports; production statistics",
                "outputs": "Approved monthly activity datasets; data-quality flags",
                "criteria": "Submitted by the 5th; ≥ 95 % approved at first review; ≤ 2 % estimated",
                "next": "Carbon accounting",
            },
        },
        {
            "clause": "9.1",
            "owner": "quality",
            "procedure": "GP-CP-08",
            "zh": {
                "name": "监视、测量、分析和评价",
                "inputs": "核算结果；运行参数；基准和目标；计量器具台账",
                "outputs": "月度绩效分析；偏差原因和措施；检定校准记录",
                "criteria": "器具按期检定率 100%；偏差 ±10% 分析原因",
                "next": "纠正措施；管理评审",
            },
            "en": {
                "name": "Monitoring, measurement, analysis and evaluation",
                "inputs": "Accounting results; operating parameters; baseline and targets; instrument ledger",
                "outputs": "Monthly performance analysis; deviation causes and actions; calibration records",
                "criteria": "100 % instruments calibrated on time; ±10 % deviations analysed",
                "next": "Corrective action; management review",
            },
        },
        {
            "clause": "4.2.2, 9.2",
            "owner": "legal",
            "procedure": "GP-CP-09",
            "zh": {
                "name": "合规性评价",
                "inputs": "法律法规及其他要求；合规证据",
                "outputs": "法律法规清单；合规性评价报告；整改项",
                "criteria": "每年一次；要求变化 30 天内评价；零处罚",
                "next": "纠正措施；管理评审",
            },
            "en": {
                "name": "Compliance evaluation",
                "inputs": "Legal and other requirements; evidence of compliance",
                "outputs": "Legal register; compliance evaluation report; actions",
                "criteria": "Yearly; within 30 days of a change; no penalties",
                "next": "Corrective action; management review",
            },
        },
        {
            "clause": "9.3",
            "owner": "cmo",
            "procedure": "GP-CP-10",
            "zh": {
                "name": "内部审核",
                "inputs": "审核方案；体系文件和记录；上次审核结果",
                "outputs": "审核计划；审核报告；不符合项",
                "criteria": "每年覆盖全部条款和场所；审核员独立",
                "next": "纠正措施；管理评审",
            },
            "en": {
                "name": "Internal audit",
                "inputs": "Audit programme; system documents and records; previous results",
                "outputs": "Audit plan; audit report; nonconformities",
                "criteria": "Every clause and site yearly; independent auditors",
                "next": "Corrective action; management review",
            },
        },
        {
            "clause": "9.4, 10",
            "owner": "cmo",
            "procedure": "GP-CP-11",
            "zh": {
                "name": "不符合、纠正和预防措施",
                "inputs": "审核和核查发现；合规评价结果；绩效偏差；投诉",
                "outputs": "纠正/预防措施；原因分析；有效性结论",
                "criteria": "按期完成率 ≥ 95%；有效性验证",
                "next": "变更控制；文件化信息控制；管理评审",
            },
            "en": {
                "name": "Nonconformity, corrective and preventive action",
                "inputs": "Audit and verification findings; compliance results; performance deviations; complaints",
                "outputs": "Corrective/preventive actions; cause analyses; effectiveness conclusions",
                "criteria": "≥ 95 % on time; effectiveness verified",
                "next": "Change control; control of documented information; management review",
            },
        },
        {
            "clause": "5.1, 9.5",
            "owner": "gmo",
            "procedure": "GP-CP-12",
            "zh": {
                "name": "管理评审",
                "inputs": "9.5.2 所列输入；目标完成和排放趋势；审核结果",
                "outputs": "管理评审报告；方针、目标和资源决定；改进措施",
                "criteria": "每年 12 月召开；措施按期率 ≥ 90%",
                "next": "方针；目标与实施方案；资源配置",
            },
            "en": {
                "name": "Management review",
                "inputs": "The inputs of 9.5.2; achievement of objectives and emission trend; audit results",
                "outputs": "Review report; decisions on policy, objectives and resources; improvement actions",
                "criteria": "Held every December; ≥ 90 % of actions on time",
                "next": "Policy; objectives and plans; resources",
            },
        },
    ],
}
