"""The procedures of the demo enterprise (clause 4.4.3, 7.3.2 b), pure data, no Django.

Each procedure has the shared document-control facts, then a ``zh`` and an ``en`` dict with
the same shape: title, purpose, scope, responsible, inputs, outputs, steps (title,
description, responsible), kpis (indicator, target, frequency), records (name, retention,
where kept) and change_summary. Step, KPI and record lists are parallel between languages.
"""

from .common import EDITION_DATE

CP01 = {
    "document_number": "GP-CP-01",
    "slug": "gp-cp-01-carbon-accounting",
    "version": "3.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["6.3.1", "6.3.2", "6.3.3", "8.5.2"],
    "zh": {
        "title": "碳排放核算程序",
        "purpose": "规定公司年度和月度碳排放核算的方法学、边界、排放源识别、活动数据和排放因子的确定、计算和报告要求，确保核算结果完整、一致、准确、透明，满足 T/CSES 146—2024 第 6.3 条要求。",
        "scope": "适用于《碳排放管理体系范围与边界》（GP-CM-03）内苏州总装厂、无锡铸造分厂、合肥零部件厂和上海研发中心全部排放源（S01–S24）的范围一、范围二排放核算，以及主要产品的碳足迹核算。",
        "responsible": "碳排放管理办公室（归口）；设备动力部、运营管理部、各厂区碳管理员（数据提供）",
        "inputs": [
            "经审核批准的月度活动数据",
            "排放因子库（带来源、年份、版本）",
            "排放源清单",
            "核算边界和报告期",
            "产品产量和产值统计",
            "上年度核查意见",
        ],
        "outputs": [
            "月度碳排放快报",
            "年度碳排放核算报告（GB/T 32150 结构）",
            "主要产品碳足迹报告",
            "方法学说明和因子清单",
            "第三方核查报告",
        ],
        "steps": [
            (
                "确定方法学和准则",
                "每年 1 月碳管办确认本年度采用的核算方法学：固定燃烧和外购电力热力按《机械设备制造企业温室气体排放核算方法与报告指南（试行）》和 GB/T 32150—2015；移动源按 IPCC 2006 第 1 层级分气体计算；含氟气体按质量平衡法；GWP 值版本在核算运行中写明。方法学变更按 GP-CP-06 办理并标记受影响结果。",
                "碳排放管理办公室",
            ),
            (
                "确认边界和识别排放源",
                "对照 GP-CM-03 和设备台账，复核排放源清单：新增、停用或改造的燃烧设备、用电设备、生产设备和逸散源须在当月录入排放源清单，并注明所属厂区、气体种类、范围和核算方法。",
                "碳排放管理办公室、各厂区碳管理员",
            ),
            (
                "收集活动数据",
                "各厂区按 GP-CP-07 于每月 5 日前在系统中提交上月活动数据（计量表读数、发票、出入库单、充装记录），数据审核人审核批准后方可用于核算。",
                "各厂区碳管理员、设备动力部",
            ),
            (
                "选择排放因子",
                "优先使用实测因子（如焦炭和烟煤的元素碳含量检测值），其次使用国家指南缺省值，再次使用 IPCC 缺省值；电网因子采用生态环境部最新公布的全国电网平均排放因子。所用因子集版本被批准的核算引用后即冻结。",
                "碳排放管理办公室",
            ),
            (
                "计算和复核",
                "在系统中发起核算运行（选择核算期、边界、因子集版本和 GWP 版本），系统逐源、逐气体、逐月计算排放量和单位产品碳排放强度；核算人之外的第二人复核公式、单位换算和异常值，偏差超过上年同期 ±10% 须说明原因。",
                "碳排放管理办公室",
            ),
            (
                "编制报告和第三方核查",
                "每年 3 月 31 日前完成上年度核算报告，说明方法、因子及来源、数据质量和不确定性；委托有资质的第三方机构核查；核查发现按 GP-CP-11 整改后，由管理者代表批准发布。",
                "碳排放管理办公室、管理者代表",
            ),
            (
                "产品碳足迹核算",
                "按 GB/T 24067—2024 对球墨铸铁壳体和螺杆压缩机两种主要产品开展从摇篮到大门的碳足迹核算，每两年更新一次或在工艺显著变化时更新。",
                "技术中心、碳排放管理办公室",
            ),
        ],
        "kpis": [
            ("年度核算报告按时完成率", "100%（3 月 31 日前）", "每年"),
            ("活动数据按时提交率", "≥ 98%", "每月"),
            ("第三方核查重大不符合项", "0 项", "每年"),
            ("核算结果与核查结果差异", "≤ 2%", "每年"),
        ],
        "records": [
            ("核算运行记录（输入哈希、因子集版本、代码版本）", "10 年", "本系统 核算运行"),
            ("年度碳排放核算报告", "10 年", "本系统 报告；碳管办档案室"),
            ("方法学说明和因子清单", "10 年", "本系统 因子库"),
            ("第三方核查报告", "10 年", "碳管办档案室"),
            ("产品碳足迹报告", "10 年", "技术中心档案"),
        ],
        "change_summary": "第 3.0 版：核算改在本系统中运行，保留输入哈希和因子集版本以便复算；新增产品碳足迹步骤；明确 GWP 版本在每次核算中注明。",
    },
    "en": {
        "title": "Carbon Accounting Procedure",
        "purpose": "Sets the methodology, boundary, source identification, choice of activity data and emission factors, calculation and reporting of our annual and monthly emission accounting, so that the results are complete, consistent, accurate and transparent as clause 6.3 of T/CSES 146—2024 requires.",
        "scope": "Scope 1 and scope 2 accounting for every source (S01–S24) of the Suzhou assembly plant, Wuxi foundry, Hefei components plant and Shanghai R&D centre inside the Scope and Boundary (GP-CM-03), and carbon footprints of our main products.",
        "responsible": "Carbon Management Office (owner); Equipment and Utilities, Operations Management and site carbon coordinators (data)",
        "inputs": [
            "Approved monthly activity data",
            "Emission factor library (source, year, version)",
            "Register of emission sources",
            "Accounting boundary and reporting period",
            "Production output and output value",
            "Last year's verification opinion",
        ],
        "outputs": [
            "Monthly emissions flash report",
            "Annual emissions accounting report (GB/T 32150 structure)",
            "Product carbon footprint reports",
            "Methodology statement and factor list",
            "Third-party verification report",
        ],
        "steps": [
            (
                "Fix methodology and criteria",
                "Each January the CMO confirms the year's methodology: stationary combustion and purchased electricity and heat follow the Guidelines for machinery and equipment manufacturing enterprises (trial) and GB/T 32150—2015; mobile sources IPCC 2006 Tier 1 per gas; fluorinated gases a mass balance; the GWP set is named in each accounting run. A change of methodology goes through GP-CP-06 and flags the results it affects.",
                "Carbon Management Office",
            ),
            (
                "Confirm boundary and identify sources",
                "Check the register of emission sources against GP-CM-03 and the equipment ledger: any combustion, electrical, production or fugitive source added, retired or altered is entered in the register in the same month with site, gases, scope and accounting method.",
                "Carbon Management Office, site carbon coordinators",
            ),
            (
                "Collect activity data",
                "By the 5th of each month each site submits the previous month's activity data in the system (meter readings, invoices, stores issues, charging logs) under GP-CP-07; only data approved by a data reviewer count.",
                "Site carbon coordinators, Equipment and Utilities",
            ),
            (
                "Choose emission factors",
                "Measured factors first (e.g. elemental carbon content of coke and coal), then national guideline defaults, then IPCC defaults; grid electricity uses the latest national average grid factor published by the Ministry of Ecology and Environment. A factor set is frozen once an approved run uses it.",
                "Carbon Management Office",
            ),
            (
                "Calculate and check",
                "Start an accounting run in the system (period, boundary, factor-set version, GWP set); it computes emissions per source, gas and month and the intensity per unit of product. A second person checks formulas, unit conversions and outliers; any change beyond ±10 % on the same period last year is explained.",
                "Carbon Management Office",
            ),
            (
                "Report and verify",
                "By 31 March the previous year's accounting report is complete, stating methods, factors and their sources, data quality and uncertainty; a qualified third party verifies it; findings are closed under GP-CP-11 and the management representative approves publication.",
                "Carbon Management Office, management representative",
            ),
            (
                "Product carbon footprint",
                "Cradle-to-gate footprints of the two main products — the ductile-iron housing and the screw compressor — are calculated to GB/T 24067—2024 every two years, or sooner when the process changes significantly.",
                "Technology Centre, Carbon Management Office",
            ),
        ],
        "kpis": [
            ("Annual report completed on time", "100 % (by 31 March)", "Yearly"),
            ("Activity data submitted on time", "≥ 98 %", "Monthly"),
            ("Major nonconformities in third-party verification", "0", "Yearly"),
            ("Difference between our result and the verified result", "≤ 2 %", "Yearly"),
        ],
        "records": [
            (
                "Accounting run record (input hash, factor-set version, code version)",
                "10 years",
                "This system, accounting runs",
            ),
            ("Annual emissions accounting report", "10 years", "This system, reports; CMO archive"),
            ("Methodology statement and factor list", "10 years", "This system, factor library"),
            ("Third-party verification report", "10 years", "CMO archive"),
            ("Product carbon footprint reports", "10 years", "Technology Centre archive"),
        ],
        "change_summary": "Version 3.0: accounting now runs in this system, keeping the input hash and factor-set version so any result can be recomputed; product footprint step added; the GWP set is stated in every run.",
    },
}

CP02 = {
    "document_number": "GP-CP-02",
    "slug": "gp-cp-02-assessment",
    "version": "2.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["6.4.1", "6.4.2", "3.1.12"],
    "zh": {
        "title": "碳排放评估与减排机会管理程序",
        "purpose": "基于碳排放核算结果识别、排序和评估减排机会，预测排放趋势，分析减排成本和效益，形成碳排放评估报告，为目标和实施方案提供依据（T/CSES 146—2024 第 6.4 条）。",
        "scope": "适用于公司范围内全部场所和排放源的年度碳排放评估，以及物理边界、设备、设施、系统、过程、产品和服务发生显著变化时的专项评估。",
        "responsible": "碳排放管理办公室（归口）；设备动力部、运营管理部、技术中心、财务部",
        "inputs": [
            "年度碳排放核算报告",
            "能源审计和节能诊断报告",
            "减排机会清单",
            "设备改造和投资计划",
            "风险和机遇清单",
            "碳价和能源价格预测",
        ],
        "outputs": [
            "排序后的减排机会清单",
            "边际减排成本曲线",
            "排放趋势预测",
            "年度碳排放评估报告",
        ],
        "steps": [
            (
                "征集减排机会",
                "每年 4 月碳管办向各部门征集减排机会，按能源结构调整、能效提高、基础设施改进、工艺改进和其他管理手段五类登记，写明涉及排放源、预期年减排量和投资估算。",
                "碳排放管理办公室、各部门",
            ),
            (
                "技术和经济评估",
                "设备动力部和技术中心评估技术可行性；财务部按 8% 折现率测算单位减排成本（元/tCO2e）和投资回收期；计入可能的碳价收益和电价变化。",
                "设备动力部、技术中心、财务部",
            ),
            (
                "排序和边际减排成本曲线",
                "按单位减排成本由低到高排序，绘制边际减排成本曲线，同时考虑实施难度和对生产的影响，标出推荐实施的机会。",
                "碳排放管理办公室",
            ),
            (
                "预测排放趋势",
                "结合产量计划、已批准项目和电网因子变化，预测未来五年排放量和强度的基准情景和减排情景。",
                "碳排放管理办公室",
            ),
            (
                "编制评估报告",
                "于 6 月 30 日前形成年度碳排放评估报告，经管理者代表审核后提交管理评审，作为目标和实施方案的输入。",
                "碳排放管理办公室、管理者代表",
            ),
            (
                "显著变化时更新",
                "新建、改建、扩建或工艺、产品重大变化时，按 GP-CP-06 在变更实施前完成专项评估并更新减排机会清单。",
                "碳排放管理办公室",
            ),
        ],
        "kpis": [
            ("年度评估报告按时完成", "6 月 30 日前", "每年"),
            ("已识别减排机会的年减排潜力", "≥ 上年排放量的 5%", "每年"),
            ("推荐机会纳入实施方案比例", "≥ 80%", "每年"),
        ],
        "records": [
            ("减排机会清单", "长期", "本系统 减排机会登记册"),
            ("年度碳排放评估报告", "10 年", "本系统 报告；碳管办档案室"),
            ("专项评估记录", "10 年", "本系统 变更登记册"),
        ],
        "change_summary": "第 2.0 版：增加边际减排成本曲线和五年趋势预测；评估报告完成时间改为 6 月 30 日。",
    },
    "en": {
        "title": "Assessment and Reduction Opportunities Procedure",
        "purpose": "Identifies, ranks and evaluates reduction opportunities from the accounting results, forecasts the emission trend, weighs the cost and benefit of reductions and produces the carbon emission assessment report that feeds objectives and plans (T/CSES 146—2024, 6.4).",
        "scope": "The annual carbon emission assessment of every site and source, and special assessments when the physical boundary, equipment, facilities, systems, processes, products or services change significantly.",
        "responsible": "Carbon Management Office (owner); Equipment and Utilities, Operations Management, Technology Centre, Finance",
        "inputs": [
            "Annual emissions accounting report",
            "Energy audit and energy-saving diagnosis reports",
            "Register of reduction opportunities",
            "Equipment upgrade and investment plans",
            "Register of risks and opportunities",
            "Carbon-price and energy-price forecasts",
        ],
        "outputs": [
            "Ranked register of reduction opportunities",
            "Marginal abatement cost curve",
            "Emission trend forecast",
            "Annual carbon emission assessment report",
        ],
        "steps": [
            (
                "Collect opportunities",
                "Each April the CMO asks every department for reduction opportunities and records them in five classes — energy mix, energy efficiency, infrastructure, process and other management means — with the sources concerned, expected annual reduction and estimated investment.",
                "Carbon Management Office, all departments",
            ),
            (
                "Technical and economic evaluation",
                "Equipment and Utilities and the Technology Centre assess technical feasibility; Finance computes the cost per tonne abated (CNY/tCO2e) at an 8 % discount rate and the payback period, including possible carbon-price gains and electricity-price changes.",
                "Equipment and Utilities, Technology Centre, Finance",
            ),
            (
                "Rank and draw the MAC curve",
                "Rank opportunities from lowest to highest cost per tonne, draw the marginal abatement cost curve, weigh difficulty and impact on production, and mark the opportunities recommended for implementation.",
                "Carbon Management Office",
            ),
            (
                "Forecast the trend",
                "From the production plan, approved projects and expected grid-factor changes, forecast emissions and intensity for the next five years in a baseline and a reduction scenario.",
                "Carbon Management Office",
            ),
            (
                "Write the assessment report",
                "By 30 June the annual assessment report is complete; after review by the management representative it goes to the management review and feeds objectives and plans.",
                "Carbon Management Office, management representative",
            ),
            (
                "Update on significant change",
                "Before a new build, alteration, extension or major process or product change, a special assessment is made under GP-CP-06 and the register of opportunities updated.",
                "Carbon Management Office",
            ),
        ],
        "kpis": [
            ("Annual assessment report on time", "By 30 June", "Yearly"),
            (
                "Annual reduction potential of identified opportunities",
                "≥ 5 % of last year's emissions",
                "Yearly",
            ),
            ("Share of recommended opportunities taken into plans", "≥ 80 %", "Yearly"),
        ],
        "records": [
            (
                "Register of reduction opportunities",
                "Permanent",
                "This system, opportunities register",
            ),
            (
                "Annual carbon emission assessment report",
                "10 years",
                "This system, reports; CMO archive",
            ),
            ("Special assessment records", "10 years", "This system, change register"),
        ],
        "change_summary": "Version 2.0: adds the marginal abatement cost curve and the five-year trend forecast; report due by 30 June.",
    },
}

CP03 = {
    "document_number": "GP-CP-03",
    "slug": "gp-cp-03-objectives-plans",
    "version": "2.0",
    "owner": "cmo",
    "approver": "gm",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["6.5.1", "6.5.2", "6.5.3", "6.6", "7.1"],
    "zh": {
        "title": "碳排放目标与实施方案管理程序",
        "purpose": "规定碳排放管理目标和指标的制定、分解、批准、跟踪和评审，以及实施方案的编制、资源配置、进度管理和结果验证（T/CSES 146—2024 第 6.5、6.6 条）。",
        "scope": "适用于公司级、厂区级、部门级和过程（设施）级的碳排放目标、指标及其实施方案。",
        "responsible": "碳排放管理办公室（归口）；总经理（批准公司级目标）；各部门和厂区（分解和实施）",
        "inputs": [
            "碳排放管理方针",
            "年度碳排放评估报告和减排机会清单",
            "上年目标完成情况",
            "合规义务和相关方要求",
            "风险和机遇清单",
            "公司经营计划和预算",
        ],
        "outputs": [
            "目标和指标清单（含基准、目标值、期限、责任人）",
            "实施方案（措施、预期减排量、责任部门、资源、进度、验证方法）",
            "目标进展月报",
        ],
        "steps": [
            (
                "拟定公司级目标",
                "每年 11 月碳管办根据方针、评估报告和 6.5.3 所列因素（排放量和强度变化、可行减排机会、运营条件、外部风险、发展战略、规模、合规要求、绩效改进、绿色采购和低碳设计）拟定下一年度及中期目标，以 2024 年为基准年。",
                "碳排放管理办公室",
            ),
            (
                "分解目标和指标",
                "将公司级目标分解到各厂区、部门和主要设施（如无锡熔炼车间吨铁液综合能耗、苏州空压站单位产气电耗），每个指标写明计量方法和数据来源。",
                "碳排放管理办公室、各厂区",
            ),
            (
                "编制实施方案",
                "每个目标至少对应一个实施方案，写明主要措施和技术内容、预期减排量、责任部门及职责、人力物力财力需求、时间进度和结果验证方法。",
                "责任部门",
            ),
            (
                "审批和预算",
                "厂区和部门目标由管理者代表批准；公司级目标和超过 200 万元的实施方案由总经理批准，并列入年度预算。",
                "管理者代表、总经理、财务部",
            ),
            (
                "跟踪进展",
                "系统每月根据批准的核算结果自动计算目标进展；责任部门每月更新方案里程碑，偏离计划超过一个月的在月度碳管理例会上说明。",
                "责任部门、碳排放管理办公室",
            ),
            (
                "验证和评审",
                "方案完成后按规定的验证方法（计量对比、第三方测试或核算结果）确认实际减排量；目标完成情况提交管理评审，必要时调整目标。",
                "碳排放管理办公室",
            ),
        ],
        "kpis": [
            ("单位产品碳排放较 2024 年下降", "2026 年 ≥ 8%，2030 年 ≥ 25%", "每月跟踪、每年考核"),
            ("实施方案里程碑按期完成率", "≥ 90%", "每月"),
            ("已完成方案减排量经验证比例", "100%", "每年"),
        ],
        "records": [
            ("目标和指标清单", "长期", "本系统 目标登记册"),
            ("实施方案及里程碑", "项目结束后 10 年", "本系统 实施方案登记册"),
            ("目标批准记录", "10 年", "本系统 审批流程"),
            ("减排量验证报告", "10 年", "碳管办档案室"),
        ],
        "change_summary": "第 2.0 版：目标进展改为由系统按核算结果自动计算；增加 200 万元以上方案由总经理批准的规定。",
    },
    "en": {
        "title": "Objectives and Implementation Plans Procedure",
        "purpose": "Sets how carbon emission management objectives and indicators are drafted, cascaded, approved, tracked and reviewed, and how implementation plans are written, resourced, scheduled and verified (T/CSES 146—2024, 6.5 and 6.6).",
        "scope": "Company, site, department and process (facility) objectives and indicators and their implementation plans.",
        "responsible": "Carbon Management Office (owner); General Manager (approves company objectives); departments and sites (cascade and delivery)",
        "inputs": [
            "Carbon emission management policy",
            "Annual assessment report and register of reduction opportunities",
            "Last year's achievement of objectives",
            "Compliance obligations and interested parties' requirements",
            "Register of risks and opportunities",
            "Business plan and budget",
        ],
        "outputs": [
            "Register of objectives and indicators (baseline, target, deadline, owner)",
            "Implementation plans (measures, expected reduction, responsible department, resources, schedule, verification method)",
            "Monthly progress report on objectives",
        ],
        "steps": [
            (
                "Draft company objectives",
                "Each November the CMO drafts next year's and medium-term objectives from the policy, the assessment report and the factors of 6.5.3 (changes in emissions and intensity, feasible reductions, operating conditions, external risks, strategy, scale, compliance, performance improvement, green procurement and low-carbon design), with 2024 as base year.",
                "Carbon Management Office",
            ),
            (
                "Cascade objectives and indicators",
                "Company objectives are cascaded to sites, departments and main facilities (e.g. energy per tonne of molten iron in the Wuxi melting shop, electricity per cubic metre of air at the Suzhou compressor house); each indicator states its measurement method and data source.",
                "Carbon Management Office, sites",
            ),
            (
                "Write implementation plans",
                "Every objective has at least one plan stating the main measures and technical content, expected reduction, responsible department and duties, people, material and money needed, schedule and how the result will be verified.",
                "Responsible department",
            ),
            (
                "Approve and budget",
                "Site and department objectives are approved by the management representative; company objectives and plans above CNY 2 million by the General Manager, and entered in the annual budget.",
                "Management representative, General Manager, Finance",
            ),
            (
                "Track progress",
                "The system computes progress on each objective every month from approved accounting results; responsible departments update plan milestones monthly, and any plan more than a month late is explained at the monthly carbon meeting.",
                "Responsible department, Carbon Management Office",
            ),
            (
                "Verify and review",
                "When a plan is complete its actual reduction is confirmed by the stated method (metered comparison, third-party test or accounting result); achievement of objectives goes to the management review and objectives are adjusted where needed.",
                "Carbon Management Office",
            ),
        ],
        "kpis": [
            (
                "Reduction of emissions per unit of product from 2024",
                "≥ 8 % in 2026, ≥ 25 % in 2030",
                "Tracked monthly, appraised yearly",
            ),
            ("Plan milestones met on time", "≥ 90 %", "Monthly"),
            ("Completed plans with verified reduction", "100 %", "Yearly"),
        ],
        "records": [
            (
                "Register of objectives and indicators",
                "Permanent",
                "This system, objectives register",
            ),
            (
                "Implementation plans and milestones",
                "10 years after project close",
                "This system, plans register",
            ),
            ("Approval of objectives", "10 years", "This system, approval workflow"),
            ("Verification reports of reductions", "10 years", "CMO archive"),
        ],
        "change_summary": "Version 2.0: progress on objectives computed by the system from accounting results; plans above CNY 2 million approved by the General Manager.",
    },
}

CP04 = {
    "document_number": "GP-CP-04",
    "slug": "gp-cp-04-documented-information",
    "version": "3.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 24,
    "clauses": ["7.3.1", "7.3.2", "3.2.7"],
    "zh": {
        "title": "文件化信息控制程序",
        "purpose": "对碳排放管理体系文件的编制、标识、审查、批准、发放、使用、更改、废止和评审，以及记录的保存作出规定，确保使用的文件现行有效、记录完整可追溯（T/CSES 146—2024 第 7.3 条）。",
        "scope": "适用于碳排放管理手册、程序文件、管理制度、作业指导书、外来文件和体系记录。",
        "responsible": "碳排放管理办公室（归口）；各文件编制部门；信息技术部（系统保障）",
        "inputs": [
            "文件编制或修订需求",
            "法律法规和标准变化",
            "审核、评审和变更结果",
            "文件评审提醒",
        ],
        "outputs": ["批准发布的受控文件", "文件版本和修订记录", "废止文件清单", "记录清单"],
        "steps": [
            (
                "编制和标识",
                "文件编号规则：GP-CM 手册级、GP-CP 程序、GP-MR 管理制度、GP-WI 作业指导书，后接两位流水号；版本号用“主版本.次版本”。编制部门在系统中起草中文版和英文版，填写责任部门、批准人、生效日期和评审周期。",
                "编制部门",
            ),
            (
                "审查",
                "提交审批流程后，碳管办审查文件与标准和其他体系文件的一致性，必要时退回修改；评论和修改在系统中留痕。",
                "碳排放管理办公室",
            ),
            (
                "批准和发布",
                "方针和手册由总经理批准，其他文件由管理者代表批准；批准后系统发布文件，状态变为“生效”，公开文件（方针、范围、术语）同时在网站公开。",
                "总经理、管理者代表",
            ),
            (
                "使用和发放",
                "员工在系统中查阅现行版本，现场张贴的纸质作业指导书须加盖受控章并登记发放；打印件仅当日有效。",
                "各部门",
            ),
            (
                "更改",
                "文件更改重复审查和批准过程，并填写更改摘要；系统保留全部历史版本，可比较差异。",
                "编制部门",
            ),
            (
                "废止",
                "废止文件在系统中标为“废止”，注明替代文件，保留供内部和审核员查阅，不再对外公开；现场纸质版由发放部门收回销毁。",
                "碳排放管理办公室",
            ),
            (
                "定期评审",
                "每份文件按评审周期评审适宜性，系统在到期前 30 天提醒文件负责人；评审无修改的记录评审日期。",
                "文件负责人",
            ),
        ],
        "kpis": [
            ("文件按期评审率", "100%", "每季度"),
            ("现场使用失效版本文件次数（内审发现）", "0", "每次内审"),
            ("文件审批平均周期", "≤ 10 个工作日", "每季度"),
        ],
        "records": [
            ("受控文件各版本及修订记录", "文件废止后 5 年", "本系统 页面修订"),
            ("文件审批流程记录", "10 年", "本系统 审批流程"),
            ("纸质文件发放回收登记表", "3 年", "各部门"),
            ("记录清单", "长期", "碳管办"),
        ],
        "change_summary": "第 3.0 版：文件全部在本系统中以页面受控，中英文同步发布；废止文件对审核员可见、对公众隐藏。",
    },
    "en": {
        "title": "Documented Information Control Procedure",
        "purpose": "Sets how system documents are prepared, identified, reviewed, approved, issued, used, changed, withdrawn and periodically reviewed, and how records are kept, so that documents in use are current and records complete and traceable (T/CSES 146—2024, 7.3).",
        "scope": "The carbon management manual, procedures, management rules, work instructions, documents of external origin and system records.",
        "responsible": "Carbon Management Office (owner); departments that write documents; IT (system support)",
        "inputs": [
            "Need to write or revise a document",
            "Changes in laws, regulations and standards",
            "Results of audits, reviews and changes",
            "Document review reminders",
        ],
        "outputs": [
            "Approved controlled documents",
            "Document versions and revision history",
            "List of withdrawn documents",
            "List of records",
        ],
        "steps": [
            (
                "Prepare and identify",
                "Numbering: GP-CM manual level, GP-CP procedures, GP-MR management rules, GP-WI work instructions, followed by a two-digit serial; versions are 'major.minor'. The writing department drafts the Chinese and English versions in the system with owner department, approver, effective date and review interval.",
                "Writing department",
            ),
            (
                "Review",
                "Once submitted to the approval workflow, the CMO checks consistency with the standard and with other documents and sends it back where needed; comments and edits are kept in the system.",
                "Carbon Management Office",
            ),
            (
                "Approve and issue",
                "The policy and manual are approved by the General Manager, other documents by the management representative; on approval the system publishes the document with status 'effective', and public documents (policy, scope, glossary) appear on the website.",
                "General Manager, management representative",
            ),
            (
                "Use and distribution",
                "Staff read the current version in the system; paper work instructions posted on the shop floor carry a 'controlled' stamp and are logged; printouts are valid on the day of printing only.",
                "All departments",
            ),
            (
                "Change",
                "A change goes through review and approval again with a change summary; the system keeps every version and can compare them.",
                "Writing department",
            ),
            (
                "Withdraw",
                "A withdrawn document is marked 'withdrawn' in the system with its replacement, stays readable to staff and auditors and is no longer public; paper copies are recalled and destroyed by the issuing department.",
                "Carbon Management Office",
            ),
            (
                "Periodic review",
                "Each document is reviewed for suitability at its review interval; the system reminds the owner 30 days before; a review without change records the review date.",
                "Document owner",
            ),
        ],
        "kpis": [
            ("Documents reviewed on time", "100 %", "Quarterly"),
            ("Obsolete documents found in use (internal audit)", "0", "Every internal audit"),
            ("Average approval time", "≤ 10 working days", "Quarterly"),
        ],
        "records": [
            (
                "Every version of controlled documents and revision history",
                "5 years after withdrawal",
                "This system, page revisions",
            ),
            ("Approval workflow records", "10 years", "This system, workflows"),
            ("Paper document issue and recall log", "3 years", "Each department"),
            ("List of records", "Permanent", "CMO"),
        ],
        "change_summary": "Version 3.0: all documents are controlled pages in this system, issued in Chinese and English together; withdrawn documents visible to auditors and hidden from the public.",
    },
}

CP05 = {
    "document_number": "GP-CP-05",
    "slug": "gp-cp-05-low-carbon-procurement",
    "version": "2.0",
    "owner": "procurement",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["8.3.1", "8.3.2", "8.1", "6.5.3"],
    "zh": {
        "title": "低碳采购与供应商管理程序",
        "purpose": "评价对碳排放有显著影响的原材料、能源、设备、设施、产品和服务采购的碳影响，将绿色低碳作为供应商评价准则之一，并获取供应商的低碳产品和碳足迹信息（T/CSES 146—2024 第 8.3 条）。",
        "scope": "适用于焦炭、生铁、废钢、铁合金、增碳剂、天然气、电力（含绿电）、蒸汽、制冷剂、主要耗能设备（熔炼炉、空压机、锅炉、变压器、空调）及物流和外包加工服务的采购。",
        "responsible": "采购部（归口）；设备动力部、技术中心、碳排放管理办公室（技术评价）",
        "inputs": [
            "采购申请",
            "显著碳影响采购清单",
            "供应商碳信息申报",
            "设备能效标准",
            "产品碳足迹结果",
        ],
        "outputs": [
            "碳影响评价记录",
            "含低碳条款的询价和合同",
            "供应商低碳评价结果",
            "合格供应商名录",
        ],
        "steps": [
            (
                "确定显著碳影响采购",
                "碳管办每年根据核算结果确定显著碳影响采购清单（年排放贡献 ≥ 1% 的物料和能源、额定功率 ≥ 55 kW 的设备、年费用 ≥ 100 万元的物流和外包服务）。",
                "碳排放管理办公室",
            ),
            (
                "告知低碳准则",
                "采购部在询价文件中写明“绿色低碳产品是采购评价准则之一”，要求供应商说明产品是否为低碳产品、能效等级，并提供产品碳足迹或排放因子。",
                "采购部",
            ),
            (
                "评价碳影响",
                "对显著碳影响采购，由设备动力部或技术中心评价能效和全生命周期碳影响；设备采购须达到能效 2 级及以上，低于者须经管理者代表批准并说明理由。低碳评价在综合评分中占 10%–20%。",
                "设备动力部、技术中心",
            ),
            (
                "合同条款",
                "合同中约定供应商提供碳信息的义务、数据真实性承诺和碳足迹更新频率；电力采购优先签订绿电或绿证协议。",
                "采购部",
            ),
            (
                "供应商年度评价",
                "每年对主要供应商进行低碳评价（碳目标、碳足迹披露、能源管理、认证情况），评价结果分 A/B/C 三级，C 级供应商须提交改进计划。",
                "采购部、碳排放管理办公室",
            ),
        ],
        "kpis": [
            ("显著碳影响采购完成碳影响评价比例", "100%", "每季度"),
            ("主要供应商提供产品碳足迹比例", "2026 年 ≥ 60%", "每年"),
            ("绿电采购占外购电力比例", "2026 年 ≥ 20%，2027 年 ≥ 30%", "每年"),
        ],
        "records": [
            ("采购碳影响评价表", "合同期满后 5 年", "本系统 供应商登记册"),
            ("供应商碳信息申报", "5 年", "本系统 供应商登记册"),
            ("供应商年度低碳评价结果", "5 年", "采购部"),
            ("绿电和绿证交易凭证", "10 年", "财务部"),
        ],
        "change_summary": "第 2.0 版：增加显著碳影响采购的定量判定标准和供应商 A/B/C 低碳分级；新增绿电采购指标。",
    },
    "en": {
        "title": "Low-carbon Procurement and Supplier Procedure",
        "purpose": "Evaluates the carbon impact of purchases of materials, energy, equipment, facilities, products and services with a significant effect on our emissions, makes low carbon one of the supplier evaluation criteria and obtains suppliers' low-carbon and footprint information (T/CSES 146—2024, 8.3).",
        "scope": "Purchases of coke, pig iron, steel scrap, ferro-alloys, recarburiser, natural gas, electricity (including green power), steam, refrigerants, main energy-using equipment (melting furnaces, compressors, boilers, transformers, air conditioning) and logistics and subcontracted machining.",
        "responsible": "Procurement Department (owner); Equipment and Utilities, Technology Centre, Carbon Management Office (technical evaluation)",
        "inputs": [
            "Purchase requisitions",
            "List of purchases with significant carbon impact",
            "Suppliers' carbon declarations",
            "Equipment energy-efficiency standards",
            "Product carbon footprint results",
        ],
        "outputs": [
            "Carbon impact evaluation records",
            "Requests for quotation and contracts with low-carbon clauses",
            "Suppliers' low-carbon ratings",
            "Approved supplier list",
        ],
        "steps": [
            (
                "Define significant purchases",
                "Each year the CMO sets the list of purchases with significant carbon impact from the accounting results: materials and energy contributing ≥ 1 % of annual emissions, equipment rated ≥ 55 kW, logistics and subcontracted services above CNY 1 million a year.",
                "Carbon Management Office",
            ),
            (
                "Announce the low-carbon criterion",
                "Every request for quotation states that 'green and low-carbon products are one of the evaluation criteria' and asks suppliers whether the product is low-carbon, its energy-efficiency grade, and its carbon footprint or emission factor.",
                "Procurement Department",
            ),
            (
                "Evaluate carbon impact",
                "For significant purchases Equipment and Utilities or the Technology Centre evaluate efficiency and life-cycle carbon impact; equipment must be energy-efficiency grade 2 or better, otherwise the management representative approves with reasons. The low-carbon score weighs 10–20 % of the overall evaluation.",
                "Equipment and Utilities, Technology Centre",
            ),
            (
                "Contract clauses",
                "Contracts oblige the supplier to provide carbon information, warrant its accuracy and state how often footprints are updated; electricity purchases favour green-power or green-certificate agreements.",
                "Procurement Department",
            ),
            (
                "Annual supplier evaluation",
                "Main suppliers are rated every year on carbon targets, footprint disclosure, energy management and certification, in grades A/B/C; grade C suppliers must submit an improvement plan.",
                "Procurement Department, Carbon Management Office",
            ),
        ],
        "kpis": [
            ("Significant purchases with a carbon impact evaluation", "100 %", "Quarterly"),
            ("Main suppliers providing product carbon footprints", "≥ 60 % in 2026", "Yearly"),
            (
                "Green power as share of purchased electricity",
                "≥ 20 % in 2026, ≥ 30 % in 2027",
                "Yearly",
            ),
        ],
        "records": [
            (
                "Purchase carbon impact evaluation form",
                "5 years after contract end",
                "This system, supplier register",
            ),
            ("Suppliers' carbon declarations", "5 years", "This system, supplier register"),
            ("Annual supplier low-carbon ratings", "5 years", "Procurement Department"),
            (
                "Green power and green certificate transaction documents",
                "10 years",
                "Finance Department",
            ),
        ],
        "change_summary": "Version 2.0: quantitative test for significant purchases and A/B/C low-carbon rating of suppliers; green power indicator added.",
    },
}

CP06 = {
    "document_number": "GP-CP-06",
    "slug": "gp-cp-06-change-control",
    "version": "2.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 24,
    "clauses": ["8.4.1", "8.4.2", "6.4.2"],
    "zh": {
        "title": "变更控制程序",
        "purpose": "对影响碳排放管理体系和碳排放管理绩效的策划内变更进行控制和验证，对非预期变更的后果进行评审，必要时采取措施并更新运行准则（T/CSES 146—2024 第 8.4 条）。",
        "scope": "适用于风险和机遇、碳排放源和汇、设施设备系统和过程（含新建、改建、扩建）、采购和产品服务、核算规范和方法学、合规及相关方要求以及其他对体系有影响的变更。",
        "responsible": "碳排放管理办公室（归口）；变更提出部门；设备动力部、技术中心（技术评审）",
        "inputs": [
            "变更申请（工程项目、工艺变更、设备更新、采购变更、方法学变更）",
            "非预期变更报告（设备故障、法规突变、边界变化）",
            "碳排放评估结果",
        ],
        "outputs": [
            "变更登记和碳影响评价",
            "变更批准或否决",
            "更新后的排放源清单、运行准则和文件",
            "变更后验证结果",
        ],
        "steps": [
            (
                "登记变更",
                "提出部门在系统变更登记册中登记变更，选择变更类别（8.4.1 a–g），说明内容、原因、计划日期和涉及的厂区、排放源。",
                "变更提出部门",
            ),
            (
                "评价碳影响",
                "碳管办评价变更对排放量、排放源清单、核算方法学、目标和合规义务的影响；年排放变化预计超过 500 tCO2e 或涉及方法学的，须按 GP-CP-02 做专项评估。",
                "碳排放管理办公室",
            ),
            (
                "批准",
                "一般变更由碳管办主任批准；重大变更（新建改扩建、方法学变更、边界变化）由管理者代表批准。",
                "碳排放管理办公室主任、管理者代表",
            ),
            (
                "实施和更新",
                "变更实施后 30 天内更新排放源清单、计量器具台账、作业指导书和相关文件；方法学变更由系统标记受影响的核算结果并重新核算。",
                "变更提出部门、碳排放管理办公室",
            ),
            (
                "验证",
                "变更后首个完整月，对比变更前后的活动数据和排放量，确认达到预期；未达预期的按 GP-CP-11 处理。",
                "碳排放管理办公室",
            ),
            (
                "非预期变更",
                "发现非预期变更（如设备突发故障导致燃料替换、法规突然调整）时，48 小时内登记，评审后果并采取应对措施。",
                "发现部门、碳排放管理办公室",
            ),
        ],
        "kpis": [
            ("变更实施前完成碳影响评价比例", "100%", "每季度"),
            ("变更后 30 天内完成文件和清单更新比例", "≥ 95%", "每季度"),
            ("未经登记的变更（内审发现）", "0", "每次内审"),
        ],
        "records": [
            ("变更登记和碳影响评价", "10 年", "本系统 变更登记册"),
            ("变更批准记录", "10 年", "本系统 变更登记册"),
            ("变更后验证记录", "10 年", "本系统 变更登记册"),
        ],
        "change_summary": "第 2.0 版：变更类别与 T/CSES 146—2024 第 8.4.1 条 a–g 一致；增加方法学变更标记受影响核算结果的规定。",
    },
    "en": {
        "title": "Change Control Procedure",
        "purpose": "Controls and verifies planned changes that affect the system or carbon management performance, reviews the consequences of unintended changes and acts and updates operating criteria where needed (T/CSES 146—2024, 8.4).",
        "scope": "Changes to risks and opportunities, sources and sinks, facilities, equipment, systems and processes (including new builds, alterations and extensions), purchases and products and services, accounting rules and methodology, compliance and interested parties' requirements, and any other change affecting the system.",
        "responsible": "Carbon Management Office (owner); the department proposing the change; Equipment and Utilities, Technology Centre (technical review)",
        "inputs": [
            "Change requests (projects, process changes, equipment replacement, purchasing changes, methodology changes)",
            "Reports of unintended changes (breakdowns, sudden regulatory change, boundary change)",
            "Carbon emission assessment results",
        ],
        "outputs": [
            "Change record with carbon impact evaluation",
            "Approval or rejection",
            "Updated register of sources, operating criteria and documents",
            "Post-change verification",
        ],
        "steps": [
            (
                "Record the change",
                "The proposing department records the change in the change register, choosing its category (8.4.1 a–g) and stating content, reason, planned date and the sites and sources concerned.",
                "Proposing department",
            ),
            (
                "Evaluate carbon impact",
                "The CMO evaluates the effect on emissions, the register of sources, methodology, objectives and compliance obligations; a change expected to shift annual emissions by more than 500 tCO2e, or touching methodology, gets a special assessment under GP-CP-02.",
                "Carbon Management Office",
            ),
            (
                "Approve",
                "Ordinary changes are approved by the head of the CMO; major changes (new builds, alterations and extensions, methodology, boundary) by the management representative.",
                "Head of the CMO, management representative",
            ),
            (
                "Implement and update",
                "Within 30 days of the change the register of sources, the instrument ledger, work instructions and other documents are updated; for a methodology change the system flags the affected accounting results, which are recalculated.",
                "Proposing department, Carbon Management Office",
            ),
            (
                "Verify",
                "In the first full month after the change, activity data and emissions before and after are compared to confirm the intended result; shortfalls go to GP-CP-11.",
                "Carbon Management Office",
            ),
            (
                "Unintended changes",
                "An unintended change (e.g. a breakdown forcing a fuel switch, a sudden change in regulation) is recorded within 48 hours, its consequences reviewed and actions taken.",
                "Department that finds it, Carbon Management Office",
            ),
        ],
        "kpis": [
            ("Changes with carbon impact evaluated before implementation", "100 %", "Quarterly"),
            ("Documents and registers updated within 30 days of a change", "≥ 95 %", "Quarterly"),
            ("Unrecorded changes (internal audit)", "0", "Every internal audit"),
        ],
        "records": [
            (
                "Change record and carbon impact evaluation",
                "10 years",
                "This system, change register",
            ),
            ("Change approval", "10 years", "This system, change register"),
            ("Post-change verification", "10 years", "This system, change register"),
        ],
        "change_summary": "Version 2.0: change categories aligned with 8.4.1 a–g of T/CSES 146—2024; a methodology change flags the accounting results it affects.",
    },
}

CP07 = {
    "document_number": "GP-CP-07",
    "slug": "gp-cp-07-data-management",
    "version": "2.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["8.5.1", "8.5.2", "8.5.3", "9.1.3"],
    "zh": {
        "title": "碳排放数据管理与质量控制程序",
        "purpose": "建立碳排放数据收集与质量控制制度，规定数据记录、外部资料采集、取样分析、审核和计算公式，并以本系统作为公司碳排放信息数据库（T/CSES 146—2024 第 8.5 条）。",
        "scope": "适用于全部排放源的活动数据、排放因子实测数据、产量产值数据和核算结果的收集、传递、审核、存储和使用。",
        "responsible": "碳排放管理办公室（归口）；各厂区碳管理员（填报）；数据审核人（审核）；信息技术部（系统和接口）",
        "inputs": [
            "计量器具读数和在线采集数据",
            "能源采购发票和结算单",
            "出入库单和充装记录",
            "元素碳含量等化验报告",
            "生产统计报表",
        ],
        "outputs": ["经批准的月度活动数据集", "数据质量标识和问题清单", "数据质量月报"],
        "steps": [
            (
                "制定数据监测计划",
                "碳管办为每个排放源编制数据监测计划：活动数据名称、单位、数据来源（计量表、发票、盘存）、监测频次、计量器具编号、负责人和备用数据来源。",
                "碳排放管理办公室",
            ),
            (
                "采集和记录",
                "计量表读数按作业指导书现场抄录或在线采集；发票和结算单数据由财务部每月提供；化验样品按 GB/T 211、GB/T 476 等标准取样和分析，每批焦炭至少化验一次。",
                "各厂区碳管理员、设备动力部、质量部",
            ),
            (
                "提交",
                "每月 5 日前通过系统模板（中英双语 Excel/CSV）、接口或手工录入提交上月数据；系统逐行校验单位、排放源、期间和数值范围，任何错误均指明行、列和值，整批数据要么全部接受要么全部退回。",
                "各厂区碳管理员",
            ),
            (
                "审核批准",
                "数据审核人在 3 个工作日内审核：对比计量与发票（差异 ≤ 2%）、环比和同比（变化 > 20% 须说明）、物料平衡；审核通过后批准，未批准数据不参与核算。",
                "数据审核人",
            ),
            (
                "缺失和异常数据处理",
                "数据缺失时按备用来源或前三个月平均值估算，并标记为“估算”；估算数据占比超过 5% 的排放源须在月度例会上说明并制定纠正措施。",
                "碳排放管理办公室",
            ),
            (
                "存储和备份",
                "全部原始凭证扫描件随数据集上传；系统每日备份，保存期不少于 10 年。",
                "信息技术部",
            ),
        ],
        "kpis": [
            ("活动数据一次审核通过率", "≥ 95%", "每月"),
            ("估算数据占排放量比例", "≤ 2%", "每月"),
            ("计量与发票差异超限次数", "≤ 1 次/月", "每月"),
        ],
        "records": [
            ("数据监测计划", "长期", "本系统 排放源登记册"),
            ("月度活动数据集及审核记录", "10 年", "本系统 数据提交"),
            ("原始凭证扫描件", "10 年", "本系统 数据提交附件"),
            ("化验报告", "10 年", "质量部"),
        ],
        "change_summary": "第 2.0 版：数据改在本系统中提交和审批，整批校验、错误逐行定位；新增估算数据标识和比例控制。",
    },
    "en": {
        "title": "Data Management and Quality Control Procedure",
        "purpose": "Sets up data collection and quality control for emissions: how data are recorded, taken from external documents, sampled and analysed, checked and calculated, with this system as the company's carbon information database (T/CSES 146—2024, 8.5).",
        "scope": "Collection, transfer, checking, storage and use of activity data for every source, measured factor data, production and output-value data and accounting results.",
        "responsible": "Carbon Management Office (owner); site carbon coordinators (submission); data reviewers (approval); IT (system and interfaces)",
        "inputs": [
            "Meter readings and online data",
            "Energy invoices and settlement statements",
            "Stores issues and charging logs",
            "Laboratory reports such as elemental carbon content",
            "Production statistics",
        ],
        "outputs": [
            "Approved monthly activity datasets",
            "Data-quality flags and issue list",
            "Monthly data-quality report",
        ],
        "steps": [
            (
                "Write a monitoring plan",
                "For every source the CMO writes a data monitoring plan: activity data name, unit, source (meter, invoice, stock-take), frequency, instrument number, person responsible and back-up data source.",
                "Carbon Management Office",
            ),
            (
                "Collect and record",
                "Meter readings are taken on site under the work instructions or collected online; Finance supplies invoice and settlement data every month; samples are taken and analysed to GB/T 211, GB/T 476 and similar standards, at least once per batch of coke.",
                "Site carbon coordinators, Equipment and Utilities, Quality",
            ),
            (
                "Submit",
                "By the 5th of each month the previous month's data are submitted through the bilingual system template (Excel/CSV), the API or manual entry; the system checks units, sources, periods and value ranges row by row, every error names its row, column and value, and a batch is accepted whole or returned whole.",
                "Site carbon coordinators",
            ),
            (
                "Review and approve",
                "Within 3 working days a data reviewer checks meters against invoices (difference ≤ 2 %), month-on-month and year-on-year changes (> 20 % must be explained) and material balances, then approves; unapproved data do not count in the accounting.",
                "Data reviewer",
            ),
            (
                "Missing and abnormal data",
                "Missing data are estimated from the back-up source or the average of the last three months and flagged 'estimated'; a source with more than 5 % estimated data is explained at the monthly meeting with a corrective action.",
                "Carbon Management Office",
            ),
            (
                "Store and back up",
                "Scans of every original document are uploaded with the dataset; the system is backed up daily and kept for at least 10 years.",
                "IT Department",
            ),
        ],
        "kpis": [
            ("Activity data approved at first review", "≥ 95 %", "Monthly"),
            ("Estimated data as share of emissions", "≤ 2 %", "Monthly"),
            ("Meter–invoice differences beyond limit", "≤ 1 per month", "Monthly"),
        ],
        "records": [
            ("Data monitoring plans", "Permanent", "This system, source register"),
            (
                "Monthly activity datasets and review records",
                "10 years",
                "This system, submissions",
            ),
            ("Scans of original documents", "10 years", "This system, submission attachments"),
            ("Laboratory reports", "10 years", "Quality Department"),
        ],
        "change_summary": "Version 2.0: data submitted and approved in this system, validated as a batch with row-level errors; estimated data flagged and capped.",
    },
    #: Revision left in the approval workflow by the demo (see ``workflow`` in __init__).
    "pending_revision": {
        "version": "2.1",
        "zh": {
            "change_summary": "第 2.1 版（审批中）：新增通过系统 API 推送在线计量数据的规定；数据审核时限由 3 个工作日缩短为 2 个工作日。",
            #: Step (index, title, description, responsible) replaced or added by the revision.
            "steps": [
                (
                    3,
                    "审核批准",
                    "数据审核人在 2 个工作日内审核：对比计量与发票（差异 ≤ 2%）、环比和同比（变化 > 20% 须说明）、物料平衡；审核通过后批准，未批准数据不参与核算。",
                    "数据审核人",
                ),
                (
                    6,
                    "在线数据推送",
                    "已接入在线采集的天然气总表、主变电能表和蒸汽总表通过系统 API 每小时推送读数；信息技术部每日检查推送完整性，缺失超过 2 小时的由厂区碳管理员补录现场读数。",
                    "信息技术部、各厂区碳管理员",
                ),
            ],
        },
        "en": {
            "change_summary": "Version 2.1 (in review): adds pushing online meter data through the system API; review time cut from 3 to 2 working days.",
            "steps": [
                (
                    3,
                    "Review and approve",
                    "Within 2 working days a data reviewer checks meters against invoices (difference ≤ 2 %), month-on-month and year-on-year changes (> 20 % must be explained) and material balances, then approves; unapproved data do not count in the accounting.",
                    "Data reviewer",
                ),
                (
                    6,
                    "Online data push",
                    "The main gas meters, main transformer meters and main steam meter connected online push their readings through the system API every hour; IT checks completeness daily, and gaps longer than 2 hours are filled by the site carbon coordinator from a site reading.",
                    "IT Department, site carbon coordinators",
                ),
            ],
        },
    },
}

CP08 = {
    "document_number": "GP-CP-08",
    "slug": "gp-cp-08-monitoring-calibration",
    "version": "2.0",
    "owner": "quality",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["9.1.1", "9.1.2", "9.1.3", "9.1.4"],
    "zh": {
        "title": "监视测量与计量器具校准程序",
        "purpose": "规定对影响碳排放目标实现的关键特性的监视、测量、分析和评价，以及监视测量设备的维护和检定校准，确保数据完整准确（T/CSES 146—2024 第 9.1 条）。",
        "scope": "适用于碳排放活动数据、设施设备运行参数、能源和采购结果、目标完成情况、变更后结果的监视测量，以及用于碳排放数据的计量器具（天然气流量计、电能表、蒸汽流量计、热量表、地磅、电子秤、制冷剂回收秤、SF6 检漏仪）。",
        "responsible": "质量部计量室（计量器具归口）；碳排放管理办公室（监视分析归口）；设备动力部和各厂区（运行参数）",
        "inputs": [
            "计量器具台账和检定校准计划",
            "监视测量计划",
            "批准的活动数据和核算结果",
            "基准年和目标值",
        ],
        "outputs": [
            "检定校准证书和确认记录",
            "月度碳排放绩效分析报告",
            "偏差原因分析和措施",
            "在线采集点清单",
        ],
        "steps": [
            (
                "确定监视测量内容",
                "碳管办按 9.1.2 a–f 编制监视测量计划，明确每项内容的方法、频次、责任人和判定准则，例如每月监视熔炼车间吨铁液能耗、空压站单位产气电耗、锅炉排烟温度和含氧量。",
                "碳排放管理办公室",
            ),
            (
                "配备计量器具",
                "按 GB 17167 要求配备三级计量器具：进出厂能源一级计量配备率 100%，主要次级用能单位二级计量配备率 ≥ 95%，主要用能设备三级计量配备率 ≥ 80%。",
                "设备动力部、质量部",
            ),
            (
                "检定和校准",
                "计量室在系统计量器具登记册中维护检定校准周期；强制检定器具（贸易结算电能表、天然气流量计、地磅）送法定计量机构检定；其他器具按周期内部校准。系统在到期前 30 天提醒。",
                "质量部（计量室）",
            ),
            (
                "失准处置",
                "器具检定不合格或失准时，立即停用并贴标识，评估对已提交数据的影响，必要时用备用数据来源修正并按 GP-CP-07 重新审批。",
                "质量部、碳排放管理办公室",
            ),
            (
                "分析和评价",
                "每月 15 日前碳管办出具绩效分析报告，对比基准年和目标；偏差超过 ±10% 时分析原因（核算范围偏差、方法学不当、数据缺失、计量不可靠等）并提出措施。",
                "碳排放管理办公室",
            ),
            (
                "在线监测",
                "对天然气总表、主变电能表和蒸汽总表实施在线采集，通过系统接口每小时推送读数，实现实时监控和异常报警。",
                "信息技术部、设备动力部",
            ),
        ],
        "kpis": [
            ("计量器具按期检定校准率", "100%", "每月"),
            ("一级计量配备率", "100%", "每年"),
            ("月度绩效分析报告按时发布", "每月 15 日前", "每月"),
            ("在线采集点数据完整率", "≥ 99%", "每月"),
        ],
        "records": [
            ("计量器具台账", "长期", "本系统 计量器具登记册"),
            ("检定校准证书", "器具报废后 3 年", "质量部计量室；本系统附件"),
            ("月度碳排放绩效分析报告", "10 年", "本系统 报告"),
            ("失准处置记录", "10 年", "本系统 计量器具登记册"),
        ],
        "change_summary": "第 2.0 版：计量器具台账迁入本系统并自动提醒；新增在线采集和偏差 ±10% 分析要求。",
    },
    "en": {
        "title": "Monitoring, Measurement and Calibration Procedure",
        "purpose": "Sets how the key characteristics that decide whether carbon objectives are met are monitored, measured, analysed and evaluated, and how monitoring and measuring equipment is maintained, verified and calibrated so that data are complete and accurate (T/CSES 146—2024, 9.1).",
        "scope": "Monitoring and measurement of activity data, operating parameters, energy and purchasing results, achievement of objectives and results of changes, and the instruments used for emissions data (gas flow meters, electricity meters, steam flow meters, heat meters, weighbridges, scales, refrigerant recovery scales, SF6 leak detectors).",
        "responsible": "Quality Department, Metrology Laboratory (instruments); Carbon Management Office (monitoring and analysis); Equipment and Utilities and sites (operating parameters)",
        "inputs": [
            "Instrument ledger and verification/calibration plan",
            "Monitoring and measurement plan",
            "Approved activity data and accounting results",
            "Base year and targets",
        ],
        "outputs": [
            "Verification and calibration certificates and confirmation records",
            "Monthly carbon performance analysis",
            "Analysis of deviations and actions",
            "List of online metering points",
        ],
        "steps": [
            (
                "Decide what to monitor",
                "The CMO writes the monitoring plan for items 9.1.2 a–f with method, frequency, person and acceptance criteria for each, e.g. monthly energy per tonne of molten iron, electricity per cubic metre of compressed air, boiler flue-gas temperature and oxygen.",
                "Carbon Management Office",
            ),
            (
                "Equip with instruments",
                "Instruments are fitted at three levels as GB 17167 requires: 100 % at site energy inputs and outputs, ≥ 95 % for main sub-units, ≥ 80 % for main energy-using equipment.",
                "Equipment and Utilities, Quality",
            ),
            (
                "Verify and calibrate",
                "The Metrology Laboratory keeps verification and calibration intervals in the instrument register; instruments under mandatory verification (billing electricity meters, gas flow meters, weighbridges) go to a legal metrology institute, others are calibrated in house. The system reminds 30 days before due.",
                "Quality Department (Metrology Laboratory)",
            ),
            (
                "Out-of-tolerance instruments",
                "An instrument that fails verification or drifts is taken out of use and tagged at once; the effect on submitted data is assessed and, where needed, corrected from the back-up source and re-approved under GP-CP-07.",
                "Quality, Carbon Management Office",
            ),
            (
                "Analyse and evaluate",
                "By the 15th of each month the CMO issues the performance analysis against base year and targets; a deviation beyond ±10 % is analysed for its cause (boundary error, wrong methodology, missing data, unreliable metering …) and actions proposed.",
                "Carbon Management Office",
            ),
            (
                "Online monitoring",
                "The main gas meters, main transformer meters and main steam meter are read online and push readings to the system API every hour for real-time monitoring and alarms.",
                "IT, Equipment and Utilities",
            ),
        ],
        "kpis": [
            ("Instruments verified or calibrated on time", "100 %", "Monthly"),
            ("First-level metering coverage", "100 %", "Yearly"),
            ("Monthly performance analysis on time", "By the 15th", "Monthly"),
            ("Completeness of online metering data", "≥ 99 %", "Monthly"),
        ],
        "records": [
            ("Instrument ledger", "Permanent", "This system, instrument register"),
            (
                "Verification and calibration certificates",
                "3 years after the instrument is scrapped",
                "Metrology Laboratory; this system, attachments",
            ),
            ("Monthly carbon performance analysis", "10 years", "This system, reports"),
            ("Out-of-tolerance handling records", "10 years", "This system, instrument register"),
        ],
        "change_summary": "Version 2.0: instrument ledger moved into this system with automatic reminders; online metering and ±10 % deviation analysis added.",
    },
}

CP09 = {
    "document_number": "GP-CP-09",
    "slug": "gp-cp-09-compliance-evaluation",
    "version": "2.0",
    "owner": "legal",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["4.2.2", "9.2.1", "9.2.2", "9.2.3", "9.2.4", "3.2.5", "3.2.6"],
    "zh": {
        "title": "合规性评价程序",
        "purpose": "获取、识别和更新与碳排放相关的法律法规及其他要求，按计划的时间间隔和在要求变化时评价合规性，并记录结果和后续措施（T/CSES 146—2024 第 4.2.2、9.2 条）。",
        "scope": "适用于国家、行业和地方有关碳排放、节能、碳达峰碳中和、碳市场、含氟气体管理的法律法规，以及客户要求、行业倡议和公司自愿承诺等其他要求。",
        "responsible": "法务合规部（归口）；碳排放管理办公室、能源环保部、设备动力部（专业评价）",
        "inputs": [
            "法律法规数据库和政府网站公告",
            "行业协会通知",
            "客户合同和供应商行为准则",
            "上次合规性评价结果",
        ],
        "outputs": ["法律法规及其他要求清单", "合规性评价报告", "不合规项和整改措施"],
        "steps": [
            (
                "获取和识别",
                "法务合规部每季度检索生态环境部、国家发展改革委、工业和信息化部及江苏、安徽、上海主管部门发布的法规、标准和政策，识别适用条款，登记到法律法规及其他要求清单并注明应用方式和评价周期。",
                "法务合规部",
            ),
            (
                "传达",
                "新增或变更要求在 15 个工作日内传达到相关部门，必要时转化为文件修订或目标。",
                "法务合规部、碳排放管理办公室",
            ),
            (
                "定期评价",
                "每年第四季度组织合规性评价，逐条核对遵守证据（如重点用能单位能源利用状况报告按时报送、能源审计、节能目标考核、含氟气体回收记录、客户碳披露要求）。",
                "法务合规部、相关部门",
            ),
            (
                "变化时评价",
                "国家、行业或地方要求发生变化时，在生效前或变化后 30 天内完成专项合规性评价。",
                "法务合规部",
            ),
            (
                "记录和后续措施",
                "评价结果记录在系统合规评价登记中；不合规项按 GP-CP-11 立项整改，并提交管理评审。",
                "法务合规部",
            ),
        ],
        "kpis": [
            ("法律法规清单季度更新", "每季度 1 次", "每季度"),
            ("年度合规性评价完成", "12 月 31 日前", "每年"),
            ("被监管部门处罚次数", "0", "每年"),
        ],
        "records": [
            ("法律法规及其他要求清单", "长期", "本系统 法律法规登记册"),
            ("合规性评价报告", "10 年", "本系统 合规评价登记"),
            ("合规整改记录", "10 年", "本系统 纠正措施登记册"),
        ],
        "change_summary": "第 2.0 版：纳入《碳排放权交易管理暂行条例》和客户碳披露要求；变化时评价时限定为 30 天。",
    },
    "en": {
        "title": "Compliance Evaluation Procedure",
        "purpose": "Obtains, identifies and updates the legal and other requirements concerning carbon emissions, evaluates compliance at planned intervals and whenever requirements change, and records the results and follow-up actions (T/CSES 146—2024, 4.2.2 and 9.2).",
        "scope": "National, sectoral and local laws and regulations on carbon emissions, energy conservation, carbon peaking and neutrality, carbon markets and fluorinated gases, and other requirements such as customer requirements, industry initiatives and our voluntary commitments.",
        "responsible": "Legal and Compliance Department (owner); Carbon Management Office, Energy and Environment, Equipment and Utilities (technical evaluation)",
        "inputs": [
            "Legal databases and government announcements",
            "Industry association notices",
            "Customer contracts and supplier codes of conduct",
            "Results of the last compliance evaluation",
        ],
        "outputs": [
            "Register of legal and other requirements",
            "Compliance evaluation report",
            "Non-compliances and corrective actions",
        ],
        "steps": [
            (
                "Obtain and identify",
                "Every quarter Legal and Compliance searches the regulations, standards and policies of the Ministry of Ecology and Environment, the NDRC, the MIIT and the Jiangsu, Anhui and Shanghai authorities, identifies the applicable clauses and records them in the register with how each applies and how often it is evaluated.",
                "Legal and Compliance Department",
            ),
            (
                "Communicate",
                "New or changed requirements reach the departments concerned within 15 working days and become document revisions or objectives where needed.",
                "Legal and Compliance, Carbon Management Office",
            ),
            (
                "Periodic evaluation",
                "Every fourth quarter compliance is evaluated clause by clause against evidence (e.g. energy-use reports of key energy users filed on time, energy audits, energy-saving target appraisals, refrigerant recovery records, customers' carbon disclosure requirements).",
                "Legal and Compliance, departments concerned",
            ),
            (
                "Evaluation on change",
                "When a national, sectoral or local requirement changes, a special evaluation is completed before it takes effect or within 30 days of the change.",
                "Legal and Compliance Department",
            ),
            (
                "Record and follow up",
                "Results are recorded in the system's compliance evaluations; non-compliances are raised under GP-CP-11 and reported to the management review.",
                "Legal and Compliance Department",
            ),
        ],
        "kpis": [
            ("Quarterly update of the legal register", "Once a quarter", "Quarterly"),
            ("Annual compliance evaluation complete", "By 31 December", "Yearly"),
            ("Regulatory penalties", "0", "Yearly"),
        ],
        "records": [
            (
                "Register of legal and other requirements",
                "Permanent",
                "This system, legal register",
            ),
            ("Compliance evaluation reports", "10 years", "This system, compliance evaluations"),
            ("Compliance corrective actions", "10 years", "This system, CAPA register"),
        ],
        "change_summary": "Version 2.0: adds the Interim Regulations on the Administration of Carbon Emissions Trading and customers' carbon disclosure requirements; evaluation on change within 30 days.",
    },
}

CP10 = {
    "document_number": "GP-CP-10",
    "slug": "gp-cp-10-internal-audit",
    "version": "2.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 24,
    "clauses": ["9.3.1", "9.3.2", "9.3.3", "9.3.4", "9.3.5", "3.2.9"],
    "zh": {
        "title": "内部审核程序",
        "purpose": "按计划的时间间隔实施内部审核，评价碳排放管理体系的有效性并为管理评审提供依据（T/CSES 146—2024 第 9.3 条）。",
        "scope": "适用于覆盖 T/CSES 146—2024 全部条款和 F01–F04 全部场所的年度内部审核，以及委托第三方实施的外部审核和专项审核。",
        "responsible": "碳排放管理办公室（归口）；内审组（实施）；受审核部门（配合和整改）",
        "inputs": [
            "年度审核方案",
            "体系文件和记录",
            "上次审核结果和纠正措施",
            "过程绩效和重要变更",
        ],
        "outputs": ["审核计划", "审核报告", "不符合项报告", "向相关部门的审核发现通知"],
        "steps": [
            (
                "制定审核方案",
                "每年 1 月碳管办制定年度审核方案，确定审核次数、时间、范围和重点；通常 9 月实施一次全面内审，重要变更后可增加专项审核。",
                "碳排放管理办公室",
            ),
            (
                "组建审核组",
                "由管理者代表任命审核组组长；内审员须经 GB/T 19011 和 T/CSES 146 培训考核合格，且不审核本人工作，以保证独立性。",
                "管理者代表",
            ),
            (
                "编制审核计划",
                "审核前两周发布审核计划，至少包括审核目的、审核依据（T/CSES 146—2024、体系文件、合规义务）、审核范围、审核组组长和审核日程。",
                "审核组组长",
            ),
            (
                "现场审核",
                "通过面谈、查阅记录（含本系统中的数据、核算运行、文件修订历史）和现场观察收集审核证据，形成审核发现。",
                "审核组",
            ),
            (
                "审核报告和通知",
                "审核结束后 10 个工作日内出具审核报告，至少包括审核过程概述、不符合项说明和审核结论；审核发现通知受审核部门及碳管办相关人员。",
                "审核组组长",
            ),
            (
                "跟踪",
                "受审核部门按 GP-CP-11 在规定期限内完成纠正措施，审核组验证有效性后关闭不符合项。",
                "受审核部门、审核组",
            ),
        ],
        "kpis": [
            ("年度内审覆盖条款和场所", "100%", "每年"),
            ("不符合项按期关闭率", "≥ 95%", "每季度"),
            ("重复发生的不符合项", "0", "每年"),
        ],
        "records": [
            ("年度审核方案和审核计划", "10 年", "本系统 审核登记册"),
            ("审核检查表和证据", "10 年", "本系统 审核登记册"),
            ("审核报告（PDF）", "10 年", "本系统 审核登记册"),
            ("内审员资格记录", "长期", "人力资源部"),
        ],
        "change_summary": "第 2.0 版：审核计划和报告内容与 T/CSES 146—2024 第 9.3.3、9.3.4 条一致；审核报告在系统中生成 PDF。",
    },
    "en": {
        "title": "Internal Audit Procedure",
        "purpose": "Carries out internal audits at planned intervals to evaluate the effectiveness of the carbon emission management system and provide a basis for management review (T/CSES 146—2024, 9.3).",
        "scope": "The annual internal audit covering every clause of T/CSES 146—2024 and every site F01–F04, and external or special audits commissioned from third parties.",
        "responsible": "Carbon Management Office (owner); audit team (conduct); audited departments (cooperation and corrective action)",
        "inputs": [
            "Annual audit programme",
            "System documents and records",
            "Results and corrective actions of the previous audit",
            "Process performance and significant changes",
        ],
        "outputs": [
            "Audit plan",
            "Audit report",
            "Nonconformity reports",
            "Notification of findings to the departments concerned",
        ],
        "steps": [
            (
                "Set the audit programme",
                "Each January the CMO sets the year's programme: number, timing, scope and focus of audits; a full internal audit is normally held in September, with special audits after significant changes.",
                "Carbon Management Office",
            ),
            (
                "Form the audit team",
                "The management representative appoints the lead auditor; internal auditors must have passed training in GB/T 19011 and T/CSES 146 and do not audit their own work, to stay independent.",
                "Management representative",
            ),
            (
                "Issue the audit plan",
                "Two weeks before the audit the plan is issued with at least the audit purpose, the criteria (T/CSES 146—2024, system documents, compliance obligations), scope, lead auditor and schedule.",
                "Lead auditor",
            ),
            (
                "Audit on site",
                "Evidence is gathered through interviews, records (including data, accounting runs and document revision history in this system) and observation, and turned into findings.",
                "Audit team",
            ),
            (
                "Report and notify",
                "Within 10 working days of the audit the report is issued with at least an overview of the audit, the nonconformities and the conclusion; findings are notified to the audited departments and the CMO staff concerned.",
                "Lead auditor",
            ),
            (
                "Follow up",
                "Audited departments complete corrective actions under GP-CP-11 on time; the audit team verifies effectiveness before closing each nonconformity.",
                "Audited departments, audit team",
            ),
        ],
        "kpis": [
            ("Clauses and sites covered by the annual audit", "100 %", "Yearly"),
            ("Nonconformities closed on time", "≥ 95 %", "Quarterly"),
            ("Repeat nonconformities", "0", "Yearly"),
        ],
        "records": [
            ("Annual audit programme and audit plans", "10 years", "This system, audit register"),
            ("Audit checklists and evidence", "10 years", "This system, audit register"),
            ("Audit reports (PDF)", "10 years", "This system, audit register"),
            ("Internal auditor qualification records", "Permanent", "Human Resources"),
        ],
        "change_summary": "Version 2.0: audit plan and report contents aligned with 9.3.3 and 9.3.4 of T/CSES 146—2024; audit reports generated as PDF in the system.",
    },
}

CP11 = {
    "document_number": "GP-CP-11",
    "slug": "gp-cp-11-corrective-action",
    "version": "2.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 24,
    "clauses": ["9.4.1", "9.4.2", "10.1", "10.2.1", "10.2.2", "10.2.3", "10.3"],
    "zh": {
        "title": "不符合、纠正和预防措施程序",
        "purpose": "识别和处理实际或潜在的不符合，确定原因，采取与影响相适应的纠正和预防措施，评审其有效性，必要时变更体系，推动持续改进（T/CSES 146—2024 第 9.4、10 条）。",
        "scope": "适用于内审、外审、第三方核查、合规性评价、数据审核、绩效分析、相关方投诉和日常检查中发现的不符合和潜在不符合。",
        "responsible": "碳排放管理办公室（归口）；责任部门（原因分析和实施）；管理者代表（重大不符合批准）",
        "inputs": [
            "审核和核查发现",
            "合规性评价结果",
            "绩效偏差分析",
            "相关方投诉和反馈",
            "数据质量问题",
        ],
        "outputs": ["不符合和纠正/预防措施记录", "原因分析", "有效性验证结论", "体系变更建议"],
        "steps": [
            (
                "登记和响应",
                "发现人在系统纠正措施登记册中登记不符合，说明事实和依据；责任部门立即采取控制和纠正措施，处理后果（如重新核算受影响月份）。",
                "发现人、责任部门",
            ),
            (
                "分级",
                "碳管办按影响分为一般和严重：导致排放数据偏差超过 5%、违反法规或方针承诺的为严重，须由管理者代表批准措施。",
                "碳排放管理办公室",
            ),
            (
                "原因分析",
                "责任部门用“5 个为什么”或鱼骨图分析根本原因，并确定其他场所是否存在或可能发生类似不符合。",
                "责任部门",
            ),
            (
                "制定和实施措施",
                "措施须与影响相适应，写明责任人和完成日期：一般不符合 30 天内、严重不符合 15 天内完成。",
                "责任部门",
            ),
            (
                "验证有效性",
                "措施完成后 1–3 个月由碳管办或审核组验证有效性，无效的重新分析原因。",
                "碳排放管理办公室",
            ),
            (
                "变更体系和持续改进",
                "必要时修订文件、排放源清单或运行准则（按 GP-CP-06）；年度汇总不符合的趋势，提交管理评审。",
                "碳排放管理办公室",
            ),
        ],
        "kpis": [
            ("纠正措施按期完成率", "≥ 95%", "每月"),
            ("措施有效性验证通过率", "≥ 90%", "每季度"),
            ("严重不符合数量", "0", "每年"),
        ],
        "records": [
            ("不符合及纠正/预防措施记录", "10 年", "本系统 纠正措施登记册"),
            ("原因分析和有效性验证", "10 年", "本系统 纠正措施登记册"),
            ("年度不符合趋势分析", "10 年", "管理评审输入"),
        ],
        "change_summary": "第 2.0 版：合并原纠正措施程序和预防措施程序；增加严重不符合的判定和 15 天完成时限。",
    },
    "en": {
        "title": "Nonconformity, Corrective and Preventive Action Procedure",
        "purpose": "Identifies and handles actual and potential nonconformities, finds their causes, takes corrective and preventive actions proportionate to their effects, reviews their effectiveness and changes the system where needed, driving continual improvement (T/CSES 146—2024, 9.4 and 10).",
        "scope": "Actual and potential nonconformities found by internal and external audits, third-party verification, compliance evaluation, data review, performance analysis, complaints and feedback from interested parties and routine checks.",
        "responsible": "Carbon Management Office (owner); responsible department (cause analysis and action); management representative (approves actions on major nonconformities)",
        "inputs": [
            "Audit and verification findings",
            "Compliance evaluation results",
            "Analyses of performance deviations",
            "Complaints and feedback from interested parties",
            "Data-quality issues",
        ],
        "outputs": [
            "Nonconformity and corrective/preventive action records",
            "Cause analyses",
            "Effectiveness conclusions",
            "Proposals to change the system",
        ],
        "steps": [
            (
                "Record and respond",
                "Whoever finds a nonconformity records it in the CAPA register with facts and criteria; the responsible department immediately controls and corrects it and deals with the consequences (e.g. re-accounting the months affected).",
                "Finder, responsible department",
            ),
            (
                "Grade",
                "The CMO grades it minor or major: a major nonconformity distorts emissions data by more than 5 %, breaches a legal requirement or a policy commitment, and its actions need the management representative's approval.",
                "Carbon Management Office",
            ),
            (
                "Analyse the cause",
                "The responsible department finds the root cause with 'five whys' or a fishbone diagram and checks whether similar nonconformities exist or could occur at other sites.",
                "Responsible department",
            ),
            (
                "Plan and act",
                "Actions are proportionate to the effect, with a named person and due date: within 30 days for minor, 15 days for major nonconformities.",
                "Responsible department",
            ),
            (
                "Verify effectiveness",
                "One to three months after completion the CMO or the audit team verifies effectiveness; if the action did not work, the cause is analysed again.",
                "Carbon Management Office",
            ),
            (
                "Change the system and improve",
                "Documents, the register of sources or operating criteria are revised where needed (under GP-CP-06); the year's nonconformity trend goes to the management review.",
                "Carbon Management Office",
            ),
        ],
        "kpis": [
            ("Corrective actions completed on time", "≥ 95 %", "Monthly"),
            ("Actions found effective at verification", "≥ 90 %", "Quarterly"),
            ("Major nonconformities", "0", "Yearly"),
        ],
        "records": [
            (
                "Nonconformity and corrective/preventive action records",
                "10 years",
                "This system, CAPA register",
            ),
            (
                "Cause analyses and effectiveness verification",
                "10 years",
                "This system, CAPA register",
            ),
            ("Annual nonconformity trend analysis", "10 years", "Management review inputs"),
        ],
        "change_summary": "Version 2.0: the former corrective-action and preventive-action procedures merged; major nonconformities defined with a 15-day deadline.",
    },
}

CP12 = {
    "document_number": "GP-CP-12",
    "slug": "gp-cp-12-management-review",
    "version": "2.0",
    "owner": "gmo",
    "approver": "gm",
    "effective_date": EDITION_DATE,
    "review_interval_months": 24,
    "clauses": ["9.5.1", "9.5.2", "5.1", "10.3"],
    "zh": {
        "title": "管理评审程序",
        "purpose": "由最高管理者按策划的时间间隔评审碳排放管理体系，确保其持续的适宜性、充分性和有效性（T/CSES 146—2024 第 9.5 条）。",
        "scope": "适用于年度管理评审和因重大变化召开的临时管理评审。",
        "responsible": "总经理（主持）；管理者代表（组织）；碳排放管理办公室（准备输入和跟踪输出）",
        "inputs": [
            "相关方的需求和期望",
            "法律法规要求和合规性评价结果",
            "风险和机遇",
            "不符合和纠正措施",
            "资源充分性",
            "与相关方的沟通",
            "目标完成情况和碳排放绩效趋势",
            "内审和外部核查结果",
            "上次管理评审措施的落实情况",
        ],
        "outputs": ["管理评审报告", "方针、目标和资源的决定", "改进措施及责任人、期限"],
        "steps": [
            (
                "策划",
                "每年 12 月召开年度管理评审；发生并购、边界重大变化、重大法规变化或严重不符合时召开临时评审。",
                "管理者代表",
            ),
            (
                "准备输入",
                "评审前两周碳管办从系统登记册汇总各项输入（9.5.2 所列事项、目标进展、排放趋势、审核和核查结果），形成管理评审输入报告。",
                "碳排放管理办公室",
            ),
            (
                "召开评审会议",
                "总经理主持，管理者代表、各部门负责人和厂区厂长参加，逐项评审体系的适宜性、充分性和有效性，以及方针的适宜性。",
                "总经理",
            ),
            (
                "形成输出",
                "会议决定包括方针和目标是否调整、资源配置、改进措施，记入管理评审报告，由总经理签批。",
                "总经理、碳排放管理办公室",
            ),
            (
                "跟踪落实",
                "碳管办在系统中跟踪每项决定的落实，每季度向管理者代表报告，并作为下次评审输入。",
                "碳排放管理办公室",
            ),
        ],
        "kpis": [
            ("年度管理评审按时召开", "12 月 31 日前", "每年"),
            ("管理评审措施按期完成率", "≥ 90%", "每季度"),
        ],
        "records": [
            ("管理评审输入报告", "10 年", "本系统 管理评审登记册"),
            ("管理评审报告和签到记录", "10 年", "本系统 管理评审登记册；总经理办公室"),
            ("管理评审措施跟踪记录", "10 年", "本系统 管理评审登记册"),
        ],
        "change_summary": "第 2.0 版：评审输入与 T/CSES 146—2024 第 9.5.2 条一致，由系统登记册自动汇总。",
    },
    "en": {
        "title": "Management Review Procedure",
        "purpose": "Top management reviews the carbon emission management system at planned intervals to ensure its continuing suitability, adequacy and effectiveness (T/CSES 146—2024, 9.5).",
        "scope": "The annual management review and extraordinary reviews called after major changes.",
        "responsible": "General Manager (chairs); management representative (organises); Carbon Management Office (prepares inputs, tracks outputs)",
        "inputs": [
            "Needs and expectations of interested parties",
            "Legal requirements and compliance evaluation results",
            "Risks and opportunities",
            "Nonconformities and corrective actions",
            "Adequacy of resources",
            "Communication with interested parties",
            "Achievement of objectives and emission performance trend",
            "Internal audit and external verification results",
            "Status of actions from the previous review",
        ],
        "outputs": [
            "Management review report",
            "Decisions on policy, objectives and resources",
            "Improvement actions with owners and deadlines",
        ],
        "steps": [
            (
                "Plan",
                "The annual review is held in December; an extraordinary review is called after a merger or acquisition, a major change of boundary or regulation, or a major nonconformity.",
                "Management representative",
            ),
            (
                "Prepare inputs",
                "Two weeks before, the CMO compiles the inputs from the system's registers (the items of 9.5.2, progress on objectives, emission trend, audit and verification results) into the review input report.",
                "Carbon Management Office",
            ),
            (
                "Hold the review",
                "The General Manager chairs; the management representative, heads of department and plant managers attend; the suitability, adequacy and effectiveness of the system and the suitability of the policy are reviewed item by item.",
                "General Manager",
            ),
            (
                "Record the outputs",
                "Decisions on changes to policy and objectives, resources and improvement actions are recorded in the review report signed by the General Manager.",
                "General Manager, Carbon Management Office",
            ),
            (
                "Follow up",
                "The CMO tracks every decision in the system, reports quarterly to the management representative and feeds the status into the next review.",
                "Carbon Management Office",
            ),
        ],
        "kpis": [
            ("Annual review held on time", "By 31 December", "Yearly"),
            ("Review actions completed on time", "≥ 90 %", "Quarterly"),
        ],
        "records": [
            (
                "Management review input report",
                "10 years",
                "This system, management review register",
            ),
            (
                "Management review report and attendance",
                "10 years",
                "This system, management review register; General Manager's Office",
            ),
            ("Tracking of review actions", "10 years", "This system, management review register"),
        ],
        "change_summary": "Version 2.0: review inputs aligned with 9.5.2 of T/CSES 146—2024 and compiled automatically from the system's registers.",
    },
}

CP13 = {
    "document_number": "GP-CP-13",
    "slug": "gp-cp-13-context-interested-parties",
    "version": "1.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 24,
    "clauses": ["4.1", "4.2.1", "4.3.2", "3.2.2"],
    "zh": {
        "title": "内外部因素和相关方管理程序",
        "purpose": "确定与碳排放管理体系相关的内部和外部因素，识别相关方及其需求和期望，并对其进行监视、评审和更新（T/CSES 146—2024 第 4.1、4.2.1 条）。",
        "scope": "适用于公司层面和各厂区的内外部因素和相关方管理，以及相关方反馈的接收和答复。",
        "responsible": "碳排放管理办公室（归口）；各部门（识别和提供信息）",
        "inputs": [
            "公司发展战略",
            "政策和市场信息",
            "客户、投资方、监管部门和社区的要求",
            "相关方来信、邮件和投诉",
        ],
        "outputs": [
            "内外部因素清单",
            "相关方清单（需求、期望、是否成为合规义务）",
            "相关方反馈答复记录",
        ],
        "steps": [
            (
                "识别内外部因素",
                "每年第一季度组织各部门用 PESTEL 和 SWOT 方法识别内外部因素，说明与战略的关系、对绩效和合规的影响，记入内外部因素清单。",
                "碳排放管理办公室、各部门",
            ),
            (
                "识别相关方及要求",
                "识别监管部门、客户、投资方、银行、供应商、员工、社区和园区等相关方的需求和期望，逐项判定是否成为合规义务或纳入体系落实。",
                "碳排放管理办公室",
            ),
            (
                "接收和答复反馈",
                "相关方通过电子邮件（carbon@greenprecision.example）、客户审核和来函提出的意见，碳管办在 10 个工作日内答复并登记。",
                "碳排放管理办公室",
            ),
            (
                "监视和评审",
                "每年评审一次清单；发生重大事件（新法规、主要客户新要求、投诉）时即时更新，结果作为风险识别、目标和管理评审的输入。",
                "碳排放管理办公室",
            ),
        ],
        "kpis": [
            ("清单年度评审完成", "3 月 31 日前", "每年"),
            ("相关方反馈按时答复率", "100%", "每月"),
        ],
        "records": [
            ("内外部因素清单", "长期", "本系统 内外部因素登记册"),
            ("相关方清单", "长期", "本系统 相关方登记册"),
            ("相关方反馈和答复", "5 年", "碳管办 相关方沟通记录"),
        ],
        "change_summary": "第 1.0 版：首次发布。",
    },
    "en": {
        "title": "Context and Interested Parties Procedure",
        "purpose": "Determines the internal and external issues relevant to the carbon emission management system and identifies interested parties and their needs and expectations, and monitors, reviews and updates them (T/CSES 146—2024, 4.1 and 4.2.1).",
        "scope": "Context issues and interested parties at company and site level, and the receipt and answer of feedback from interested parties.",
        "responsible": "Carbon Management Office (owner); all departments (identification and information)",
        "inputs": [
            "Company strategy",
            "Policy and market information",
            "Requirements of customers, investors, regulators and communities",
            "Letters, e-mails and complaints from interested parties",
        ],
        "outputs": [
            "Register of context issues",
            "Register of interested parties (needs, expectations, whether a compliance obligation)",
            "Record of feedback answered",
        ],
        "steps": [
            (
                "Identify context issues",
                "Every first quarter the departments identify internal and external issues with PESTEL and SWOT, stating the link to strategy and the effect on performance and compliance, and record them in the register.",
                "Carbon Management Office, all departments",
            ),
            (
                "Identify parties and requirements",
                "Identify the needs and expectations of regulators, customers, investors, banks, suppliers, employees, neighbours and industrial parks, deciding for each whether it becomes a compliance obligation or is taken into the system.",
                "Carbon Management Office",
            ),
            (
                "Receive and answer feedback",
                "Comments received by e-mail (carbon@greenprecision.example), in customer audits and by letter are answered by the CMO within 10 working days and logged.",
                "Carbon Management Office",
            ),
            (
                "Monitor and review",
                "The registers are reviewed every year and updated at once on a major event (new regulation, new demand from a main customer, complaint); results feed risk identification, objectives and the management review.",
                "Carbon Management Office",
            ),
        ],
        "kpis": [
            ("Annual review of the registers complete", "By 31 March", "Yearly"),
            ("Feedback answered on time", "100 %", "Monthly"),
        ],
        "records": [
            ("Register of context issues", "Permanent", "This system, context register"),
            (
                "Register of interested parties",
                "Permanent",
                "This system, interested parties register",
            ),
            (
                "Feedback and answers",
                "5 years",
                "CMO, log of communication with interested parties",
            ),
        ],
        "change_summary": "Version 1.0: first issue.",
    },
}

CP14 = {
    "document_number": "GP-CP-14",
    "slug": "gp-cp-14-risks-opportunities",
    "version": "1.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["6.1", "6.2", "4.4.3"],
    "zh": {
        "title": "风险和机遇管理程序",
        "purpose": "识别碳排放相关的转型风险、物理风险和其他风险对企业及其生产经营的影响，策划与方针一致的应对措施和应急预案，并评价措施的有效性（T/CSES 146—2024 第 6.1、6.2 条）。",
        "scope": "适用于公司及 F01–F04 各场所的碳排放风险和机遇的识别、评价、应对和评审。",
        "responsible": "碳排放管理办公室（归口）；能源环保部（物理风险和应急预案）；财务部（碳价和财务影响）；各部门",
        "inputs": [
            "内外部因素和相关方清单",
            "合规义务",
            "主要排放源和汇",
            "气候和灾害资料",
            "碳市场和政策信息",
        ],
        "outputs": [
            "风险和机遇清单（类别、可能性 × 影响评分、热力图）",
            "应对措施（责任人、期限、有效性评审）",
            "应急预案",
        ],
        "steps": [
            (
                "识别风险",
                "按转型风险（新政策不确定性、产品标识、强制性碳报告、碳税、碳排放权交易、技术创新、市场和消费者偏好）、物理风险（海平面上升、风暴潮、洪水、强降雨、干旱、冰雪、极端气温）和其他风险三类识别，同时识别机遇。",
                "碳排放管理办公室、各部门",
            ),
            (
                "评价",
                "按可能性（1–5）× 影响（1–5）评分，≥ 15 分为高风险，8–14 分为中风险；在系统中生成热力图。",
                "碳排放管理办公室",
            ),
            (
                "策划措施",
                "高风险和中风险须制定应对措施，写明责任人、期限和所需资源，并融入目标、实施方案或运行准则；涉及主要排放源和合规义务的风险优先处理。",
                "责任部门",
            ),
            (
                "应急预案",
                "对极端高温限电、强降雨内涝和台风等物理风险，能源环保部制定或修订应急预案（如有序用电预案、熔炼车间防汛预案），每年演练一次。",
                "能源环保部",
            ),
            (
                "评价有效性",
                "措施到期后评审其有效性，重新评分；每年更新一次风险和机遇清单并提交管理评审。",
                "碳排放管理办公室",
            ),
        ],
        "kpis": [
            ("高风险均有应对措施", "100%", "每季度"),
            ("措施有效性评审按期完成", "≥ 90%", "每季度"),
            ("应急预案年度演练", "≥ 1 次/预案", "每年"),
        ],
        "records": [
            ("风险和机遇清单及评分", "长期", "本系统 风险登记册"),
            ("应对措施及有效性评审", "10 年", "本系统 风险措施登记册"),
            ("应急预案和演练记录", "5 年", "能源环保部"),
        ],
        "change_summary": "第 1.0 版：首次发布。",
    },
    "en": {
        "title": "Risks and Opportunities Procedure",
        "purpose": "Identifies how carbon-related transition, physical and other risks affect the company and its operations, plans actions and emergency plans consistent with the policy and evaluates whether the actions work (T/CSES 146—2024, 6.1 and 6.2).",
        "scope": "Identification, evaluation, treatment and review of carbon risks and opportunities of the company and sites F01–F04.",
        "responsible": "Carbon Management Office (owner); Energy and Environment (physical risks and emergency plans); Finance (carbon price and financial effect); all departments",
        "inputs": [
            "Registers of context issues and interested parties",
            "Compliance obligations",
            "Main sources and sinks",
            "Climate and hazard data",
            "Carbon market and policy information",
        ],
        "outputs": [
            "Register of risks and opportunities (category, likelihood × impact score, heat map)",
            "Actions (owner, deadline, effectiveness review)",
            "Emergency plans",
        ],
        "steps": [
            (
                "Identify risks",
                "Identify transition risks (policy uncertainty, product labelling, mandatory carbon reporting, carbon tax, emissions trading, technology, market and consumer preference), physical risks (sea-level rise, storm surge, flood, heavy rain, drought, ice and snow, extreme temperatures) and other risks, and the opportunities.",
                "Carbon Management Office, all departments",
            ),
            (
                "Evaluate",
                "Score likelihood (1–5) × impact (1–5); 15 or more is high, 8–14 medium; the system draws the heat map.",
                "Carbon Management Office",
            ),
            (
                "Plan actions",
                "High and medium risks get actions with owner, deadline and resources, built into objectives, plans or operating criteria; risks touching main sources and compliance obligations come first.",
                "Responsible department",
            ),
            (
                "Emergency plans",
                "For physical risks such as power rationing in extreme heat, waterlogging in heavy rain and typhoons, Energy and Environment writes or revises emergency plans (e.g. orderly power use, flood plan for the melting shop) and drills each once a year.",
                "Energy and Environment Department",
            ),
            (
                "Evaluate effectiveness",
                "When an action is due its effectiveness is reviewed and the risk re-scored; the register is updated every year and reported to the management review.",
                "Carbon Management Office",
            ),
        ],
        "kpis": [
            ("High risks with actions", "100 %", "Quarterly"),
            ("Effectiveness reviews on time", "≥ 90 %", "Quarterly"),
            ("Annual drill of each emergency plan", "≥ 1 per plan", "Yearly"),
        ],
        "records": [
            (
                "Register of risks and opportunities with scores",
                "Permanent",
                "This system, risk register",
            ),
            ("Actions and effectiveness reviews", "10 years", "This system, risk actions"),
            ("Emergency plans and drill records", "5 years", "Energy and Environment Department"),
        ],
        "change_summary": "Version 1.0: first issue.",
    },
}

#: All procedures in document-number order.
PROCEDURES = [CP01, CP02, CP03, CP04, CP05, CP06, CP07, CP08, CP09, CP10, CP11, CP12, CP13, CP14]
