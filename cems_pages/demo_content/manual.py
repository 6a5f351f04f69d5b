"""The carbon emission management manual (clause 7.3.2 a), root of the documents.

``sections`` are (key, clauses, zh heading, zh paragraphs, en heading, en paragraphs) so both
languages always have the same sections in the same order.
"""

from .common import EDITION_DATE

MANUAL = {
    "slug": "carbon-management-manual",
    "document_number": "GP-CM-01",
    "version": "3.0",
    "owner": "cmo",
    "approver": "gm",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["4", "5", "6", "7", "8", "9", "10", "7.3.2"],
    "zh": {
        "title": "碳排放管理手册",
        "menu_title": "管理手册",
        "intro": "本手册描述华东绿能精密制造股份有限公司碳排放管理体系的范围和边界、方针、组织机构及职责权限和程序文件概要，是体系的纲领性文件（T/CSES 146—2024 第 7.3.2 a 条）。",
        "change_summary": "第 3.0 版：按 T/CSES 146—2024 全面改版，新增风险识别（6.1）、碳排放评估（6.4）和数据管理（8.5）章节，程序文件增至 14 个，碳排放管理办公室设在能源环保部、与能源和环保管理融合。",
    },
    "en": {
        "title": "Carbon Emission Management Manual",
        "menu_title": "Manual",
        "intro": "This manual describes the scope and boundary, policy, organisation, responsibilities and authorities of the carbon emission management system of East China Green Precision Manufacturing Co., Ltd., and summarises its procedures. It is the system's governing document (T/CSES 146—2024, 7.3.2 a).",
        "change_summary": "Version 3.0: full revision against T/CSES 146—2024; new chapters on risk identification (6.1), carbon emission assessment (6.4) and data management (8.5); procedures increased to 14; the Carbon Management Office set up within the Energy and Environment Department, merging carbon with energy and environmental management.",
    },
    "sections": [
        (
            "profile",
            [],
            "0 企业概况",
            [
                "华东绿能精密制造股份有限公司（统一社会信用代码 91320500MA1DEMO00X，简称“绿能精密”）成立于 2006 年，主营通用设备制造，包括精密铸件、机加工零部件和整机装配。公司员工约 2,300 人，总部位于上海市浦东新区张江路 88 号。",
                "公司下设四个运营场所：苏州总装厂（F01，含涂装车间）、无锡铸造分厂（F02，含熔炼车间）、合肥零部件厂（F03，控股 70%）、上海研发中心（F04）。宁波租赁仓库（F05）由第三方物流公司运营。",
                "公司主要能源为外购电力、天然气、焦炭、烟煤、柴油、汽油、液化石油气、生物质颗粒和园区蒸汽。外购电力约占碳排放总量的四分之三（其中无锡铸造分厂中频感应炉用电最多），其次为无锡铸造分厂的焦炭冲天炉、合肥零部件厂的燃煤热风炉和园区外购蒸汽。",
            ],
            "0 Enterprise profile",
            [
                "East China Green Precision Manufacturing Co., Ltd. (unified social credit code 91320500MA1DEMO00X, 'GreenPrecision') was founded in 2006 and makes general equipment: precision castings, machined components and assembled machines. It employs about 2,300 people; its head office is at 88 Zhangjiang Road, Pudong, Shanghai.",
                "The company runs four sites: the Suzhou assembly plant (F01, with its paint shop), the Wuxi foundry (F02, with its melting shop), the Hefei components plant (F03, 70 % owned) and the Shanghai R&D centre (F04). The Ningbo leased warehouse (F05) is run by a third-party logistics company.",
                "Our main energy carriers are purchased electricity, natural gas, coke, bituminous coal, diesel, petrol, LPG, biomass pellets and steam from the industrial park. Purchased electricity accounts for about three quarters of our emissions (the induction furnaces of the Wuxi foundry use the most), followed by the coke cupola at the Wuxi foundry, the coal-fired hot-air stove at the Hefei plant and steam bought from the industrial park.",
            ],
        ),
        (
            "purpose",
            ["1"],
            "1 目的和适用范围",
            [
                "本手册旨在依据 T/CSES 146—2024《企业碳排放管理体系建设指南》建立、实施、保持和持续改进本公司碳排放管理体系，降低碳排放量和碳排放强度，实现碳排放管理的预期结果。",
                "本手册适用于《碳排放管理体系范围与边界》（GP-CM-03）确定的全部场所、活动、产品和服务，对全体员工和在厂区内为公司工作的承包方具有约束力。",
            ],
            "1 Purpose and application",
            [
                "This manual establishes, implements, maintains and continually improves our carbon emission management system in line with T/CSES 146—2024, Guidance for construction of enterprise carbon emission management system, to reduce our carbon emissions and carbon intensity and achieve the intended results of carbon management.",
                "It applies to every site, activity, product and service within the Scope and Boundary (GP-CM-03) and binds every employee and every contractor working for us on site.",
            ],
        ),
        (
            "references",
            ["2"],
            "2 规范性引用文件",
            [
                "T/CSES 146—2024 企业碳排放管理体系建设指南；GB/T 32150—2015 工业企业温室气体排放核算和报告通则；《机械设备制造企业温室气体排放核算方法与报告指南（试行）》；GB/T 24067—2024 温室气体 产品碳足迹 量化要求和指南；ISO 14064-1:2018；ISO 14067:2018。",
                "GB/T 24001—2016 环境管理体系 要求及使用指南；GB/T 23331—2020 能源管理体系 要求及使用指南；GB/T 19011—2021 管理体系审核指南；GB 17167—2006 用能单位能源计量器具配备和管理通则。",
                "适用的法律法规及其他要求见法律法规及其他要求清单，由法务合规部按《合规性评价程序》（GP-CP-09）维护。",
            ],
            "2 Normative references",
            [
                "T/CSES 146—2024 Guidance for construction of enterprise carbon emission management system; GB/T 32150—2015 General guideline of greenhouse gas emissions accounting and reporting for industrial enterprises; Guidelines for accounting and reporting GHG emissions of machinery and equipment manufacturing enterprises (trial); GB/T 24067—2024 Greenhouse gases — Carbon footprint of products — Requirements and guidelines for quantification; ISO 14064-1:2018; ISO 14067:2018.",
                "GB/T 24001—2016 Environmental management systems; GB/T 23331—2020 Energy management systems; GB/T 19011—2021 Guidelines for auditing management systems; GB 17167—2006 General principle for equipping and managing the measuring instruments of energy in organisations of energy using.",
                "Applicable laws, regulations and other requirements are listed in the register of legal and other requirements, which the Legal and Compliance Department keeps under the Compliance Evaluation Procedure (GP-CP-09).",
            ],
        ),
        (
            "terms",
            ["3"],
            "3 术语和定义",
            [
                "T/CSES 146—2024 第 3 章界定的术语和定义适用于本手册，见《术语和定义》（GP-CM-05）。",
                "本公司补充用语：碳管办——碳排放管理办公室；范围一——本公司拥有或控制的排放源产生的直接排放；范围二——外购电力、蒸汽和热力产生的间接排放；活动数据——导致温室气体排放的生产或消费活动的量。",
            ],
            "3 Terms and definitions",
            [
                "The terms and definitions of clause 3 of T/CSES 146—2024 apply to this manual; see Terms and definitions (GP-CM-05).",
                "Our own terms: CMO — the Carbon Management Office; scope 1 — direct emissions from sources we own or control; scope 2 — indirect emissions from purchased electricity, steam and heat; activity data — the quantity of a production or consumption activity that causes greenhouse gas emissions.",
            ],
        ),
        (
            "context",
            ["4.1", "4.4"],
            "4.1 企业所处的环境",
            [
                "碳管办每年第一季度组织各部门识别与碳排放管理体系相关的内部和外部因素，记入内外部因素清单，并与公司“十五五”发展战略对照（4.1 a）。",
                "主要外部因素包括：全国碳排放权交易市场扩容至更多工业行业的预期；江苏、安徽两省对重点用能单位的能耗和碳排放双控考核；主要客户（工程机械和轨道交通整机厂）要求供应商披露产品碳足迹并设定减排目标；欧盟碳边境调节机制对出口铸件的间接影响；长三角夏季极端高温和强降雨对生产和电力供应的影响。",
                "主要内部因素包括：铸造工序的焦炭依赖；部分老旧空压机和变压器能效偏低；计量器具配备在二、三级计量上尚不完整；碳数据此前分散在各厂区 Excel 报表中。这些因素作为风险识别（6.1）和碳排放评估（6.4）的输入。",
            ],
            "4.1 Context of the enterprise",
            [
                "Every first quarter the CMO has the departments identify the internal and external issues relevant to the carbon emission management system, records them in the register of context issues and checks them against the company's 15th Five-Year strategy (4.1 a).",
                "The main external issues: the expected extension of the national emissions trading scheme to more industrial sectors; energy and carbon 'dual control' assessment of key energy users by Jiangsu and Anhui provinces; our main customers (construction-machinery and rail OEMs) asking suppliers to disclose product carbon footprints and set reduction targets; the indirect effect of the EU carbon border adjustment mechanism on exported castings; extreme summer heat and heavy rain in the Yangtze River Delta affecting production and power supply.",
                "The main internal issues: the foundry's dependence on coke; some old air compressors and transformers of low efficiency; second- and third-level metering that is not yet complete; carbon data previously scattered in each site's spreadsheets. These issues feed risk identification (6.1) and the carbon emission assessment (6.4).",
            ],
        ),
        (
            "interested_parties",
            ["4.2.1", "4.2.2"],
            "4.2 相关方的需求和期望",
            [
                "碳管办维护相关方清单，识别与碳排放有关的相关方及其要求，并判定哪些要求成为合规义务（4.2.1）。主要相关方包括：生态环境、发展改革和工业和信息化主管部门；客户；投资方和银行；供应商和承包方；员工；厂区周边社区；工业园区管委会。",
                "客户对产品碳足迹和供应商减排目标的要求、银行绿色信贷对碳信息披露的要求，经评审后作为合规义务纳入管理；员工和社区的期望通过方针沟通和反馈渠道回应。",
                "法务合规部按季度获取与碳排放、碳达峰和碳中和相关的法律法规及其他要求，评估其对体系的适用条款和应用方式，记入法律法规及其他要求清单（4.2.2），并按《合规性评价程序》（GP-CP-09）评价遵守情况。相关方清单每年评审一次。",
            ],
            "4.2 Needs and expectations of interested parties",
            [
                "The CMO keeps the register of interested parties: who is concerned with our emissions, what they require and which requirements become compliance obligations (4.2.1). The main parties are the ecology and environment, development and reform, and industry and information technology authorities; customers; investors and banks; suppliers and contractors; employees; neighbouring communities; and the industrial-park administrations.",
                "Customer requirements for product carbon footprints and supplier reduction targets, and banks' green-credit disclosure requirements, have been reviewed and adopted as compliance obligations; expectations of employees and neighbours are answered through the communication of the policy and the feedback channel.",
                "Every quarter the Legal and Compliance Department obtains the laws, regulations and other requirements on carbon emissions, carbon peaking and carbon neutrality, decides which clauses apply and how, records them in the register of legal and other requirements (4.2.2) and evaluates compliance under the Compliance Evaluation Procedure (GP-CP-09). The register of interested parties is reviewed every year.",
            ],
        ),
        (
            "scope",
            ["4.3", "4.4"],
            "4.3 体系范围和 4.4 体系与过程",
            [
                "体系范围和边界见《碳排放管理体系范围与边界》（GP-CM-03）：按运营控制权法纳入苏州总装厂、无锡铸造分厂、合肥零部件厂和上海研发中心（F01–F04），排除第三方运营的宁波租赁仓库（F05）；核算七种温室气体；报告期为公历年度。",
                "体系所需的过程、其输入输出、顺序和相互作用、准则和绩效指标见《碳排放管理体系过程图》（GP-CM-04）和各程序文件（4.4.3）。每个程序文件规定责任部门、输入、输出、步骤、关键绩效指标和应保留的记录。",
            ],
            "4.3 Scope of the system and 4.4 The system and its processes",
            [
                "The scope and boundary are set out in the Scope and Boundary (GP-CM-03): under operational control it includes the Suzhou assembly plant, the Wuxi foundry, the Hefei components plant and the Shanghai R&D centre (F01–F04) and excludes the Ningbo leased warehouse run by a third party (F05); it accounts the seven greenhouse gases; the reporting period is the calendar year.",
                "The processes the system needs, their inputs and outputs, sequence and interaction, criteria and performance indicators are shown in the Process Map (GP-CM-04) and the procedures (4.4.3). Each procedure names the responsible department, inputs, outputs, steps, key performance indicators and the records to keep.",
            ],
        ),
        (
            "leadership",
            ["5.1", "5.2", "5.3"],
            "5 管理职责",
            [
                "最高管理者为总经理王建华，对碳排放管理体系的有效性负责（5.1 a），批准碳排放管理方针和公司级目标，确保将体系要求融入预算、投资审批、采购和绩效考核等业务过程，提供人力、设备、资金、技术和信息资源，并主持管理评审。",
                "碳排放管理方针（GP-CM-02）由总经理签发，适合本公司宗旨和环境，包括合规承诺、应对气候变化承诺和目标框架，在内部传达并向相关方公开，每 12 个月评审一次（5.2.1）。",
                "总经理任命副总经理陈立新为管理者代表，负责体系的建立、实施、保持和持续改进，明确并传达各部门职责，向最高管理者报告碳排放管理绩效（5.3 a）。",
                "碳排放管理办公室是体系的执行主体（5.3 b），设在能源环保部，与能源和环保管理融合（5.3 b 第二种形式），设主任一名和专职碳管理工程师三名，负责制定碳排放管理规划和制度、组织碳核算和碳评估、组织内部审核、对内外部沟通（5.3 c）。设备动力部、能源环保部、运营管理部、采购部、质量部、信息技术部、人力资源部、财务部和各厂区按过程图承担相应职责，各厂区设兼职碳管理员。",
            ],
            "5 Leadership and organisation",
            [
                "Top management is the General Manager, Wang Jianhua. He is accountable for the effectiveness of the system (5.1 a), approves the policy and the company objectives, makes sure the system's requirements are built into budgeting, investment approval, procurement and performance appraisal, provides people, equipment, money, technology and information, and chairs the management review.",
                "The Carbon Emission Management Policy (GP-CM-02) is signed by the General Manager. It fits our purpose and context, commits us to compliance and to climate action, frames the objectives, is communicated internally and available to interested parties, and is reviewed every 12 months (5.2.1).",
                "The General Manager has appointed the Deputy General Manager, Chen Lixin, as management representative, responsible for establishing, implementing, maintaining and improving the system, defining and communicating responsibilities, and reporting carbon management performance to top management (5.3 a).",
                "The Carbon Management Office is the body that runs the system (5.3 b); it sits within the Energy and Environment Department, merging carbon management into energy and environmental work (the second form in 5.3 b), with a head and three full-time carbon engineers who draft carbon plans and rules, organise accounting and assessment, organise internal audits and handle internal and external communication (5.3 c). Equipment and Utilities, Energy and Environment, Operations Management, Procurement, Quality, IT, Human Resources, Finance and each site carry the duties shown on the process map; each site has a part-time carbon coordinator.",
            ],
        ),
        (
            "planning",
            ["6.1", "6.2", "6.3", "6.4", "6.5", "6.6"],
            "6 策划",
            [
                "风险和机遇（6.1、6.2）：按《风险和机遇管理程序》（GP-CP-14）识别转型风险（碳市场扩容、强制披露、碳关税、客户低碳要求、技术替代）、物理风险（极端高温、强降雨、台风、干旱）和其他风险，按可能性和影响评分，制定应对措施和应急预案，并评价措施有效性。",
                "碳排放核算（6.3）：按《碳排放核算程序》（GP-CP-01）每年至少核算一次，明确方法学、边界、排放源、核算期、活动数据和排放因子，核算碳排放量和单位产品碳排放强度，并对主要产品开展碳足迹核算；核算报告及方法学文件保留为文件化信息。年度核算由碳管办自行开展，并委托有资质的第三方核查。",
                "碳排放评估（6.4）：按《碳排放评估与减排机会管理程序》（GP-CP-02）基于核算结果识别并排序减排机会（能源结构、能效、基础设施、工艺、管理），预测排放趋势，评估成本效益，形成年度碳排放评估报告；边界、设施或产品发生显著变化时更新评估。",
                "目标和实施方案（6.5、6.6）：按《碳排放目标与实施方案管理程序》（GP-CP-03）制定与方针一致的公司、厂区和过程级目标和指标，每项目标配有实施方案，明确措施、预期减排量、责任部门、资源、进度和验证方法。",
            ],
            "6 Planning",
            [
                "Risks and opportunities (6.1, 6.2): under the Risks and Opportunities Procedure (GP-CP-14) we identify transition risks (extension of carbon markets, mandatory disclosure, carbon border taxes, customers' low-carbon demands, technology substitution), physical risks (extreme heat, heavy rain, typhoons, drought) and other risks, score them by likelihood and impact, plan actions and emergency plans, and evaluate whether the actions work.",
                "Carbon emission accounting (6.3): under the Carbon Accounting Procedure (GP-CP-01) we account at least once a year, fixing the methodology, boundary, sources, period, activity data and emission factors, computing emissions and emission intensity per unit of product, and footprinting our main products; the report and methodology are kept as documented information. The CMO does the annual accounting itself and has it verified by a qualified third party.",
                "Carbon emission assessment (6.4): under the Assessment and Reduction Opportunities Procedure (GP-CP-02) we use the accounting results to identify and rank reduction opportunities (energy mix, efficiency, infrastructure, process, management), forecast the emission trend, weigh costs and benefits and write the annual assessment report; the assessment is updated when the boundary, facilities or products change significantly.",
                "Objectives and implementation plans (6.5, 6.6): under the Objectives and Implementation Plans Procedure (GP-CP-03) we set company, site and process objectives and indicators consistent with the policy; every objective has an implementation plan with measures, expected reduction, responsible department, resources, schedule and verification method.",
            ],
        ),
        (
            "support",
            ["7.1", "7.2", "7.3"],
            "7 支持",
            [
                "资源（7.1）：公司每年在预算中单列碳排放管理费用和减排项目资金，设立碳减排奖励基金；碳管办配备熟悉碳核算与报告的专职人员，必要时委托第三方技术服务机构。",
                "能力和意识（7.2）：人力资源部会同碳管办制定年度培训计划，对碳管理人员、计量人员、数据填报人员和内审员开展专项培训；通过“低碳月”活动和合理化建议提升全员意识；按《碳排放绩效考核管理制度》（GP-MR-04）将减排绩效纳入部门考核。",
                "文件化信息（7.3）：体系文件分为四层：手册、程序文件、管理制度和作业指导书，另加记录。文件的编制、标识、审查、批准、发放、使用、更改、废止和评审按《文件化信息控制程序》（GP-CP-04）执行，全部在本系统中以受控页面管理，每个版本留存并可比较；废止文件保留供审核查阅，不再对外公开。",
            ],
            "7 Support",
            [
                "Resources (7.1): the annual budget has separate lines for carbon management costs and reduction projects, and a carbon reduction reward fund; the CMO has full-time staff trained in emission accounting and reporting and engages third-party technical services when needed.",
                "Competence and awareness (7.2): Human Resources and the CMO draw up an annual training plan with specific training for carbon staff, metering staff, data submitters and internal auditors; a 'Low-carbon Month' and the suggestion scheme raise everyone's awareness; the Carbon Performance Appraisal Rule (GP-MR-04) builds reduction performance into department appraisal.",
                "Documented information (7.3): system documents have four levels — manual, procedures, management rules and work instructions — plus records. Their preparation, identification, review, approval, issue, use, change, withdrawal and periodic review follow the Documented Information Control Procedure (GP-CP-04); all are controlled pages in this system, every version is kept and can be compared; withdrawn documents stay readable to auditors and are no longer public.",
            ],
        ),
        (
            "operation",
            ["8.1", "8.2", "8.3", "8.4", "8.5"],
            "8 实施和运行",
            [
                "运行控制（8.1）：对熔炼、热处理、锅炉、空压、空调制冷、变配电和厂内运输等主要用能和排放过程制定运行准则，以管理制度和作业指导书的形式发布并在现场执行；外包的铸件清理、危废处置和物流运输通过合同条款控制。",
                "设计（8.2）：技术中心在新产品和新设施设计评审中考虑产业政策、客户减排要求、新技术新工艺和运行维护准则，评审记录包含碳排放影响评价。",
                "采购（8.3）：按《低碳采购与供应商管理程序》（GP-CP-05）评价对碳排放有显著影响的能源、原材料、设备和服务的采购，在询价文件中告知供应商低碳产品是评价准则之一，并要求主要供应商申报产品碳足迹。",
                "变更控制（8.4）：按《变更控制程序》（GP-CP-06）对风险和机遇、排放源和汇、设施设备、采购、核算方法学和合规要求的变更进行评审、控制和验证，方法学变更时标记受影响的核算结果。",
                "数据管理（8.5）：按《碳排放数据管理与质量控制程序》（GP-CP-07）规定数据收集、记录、取样分析、审核和计算公式；本系统即为公司碳排放信息数据库，活动数据经审核批准后方可用于核算。",
            ],
            "8 Operation",
            [
                "Operational control (8.1): operating criteria for the main energy-using and emitting processes — melting, heat treatment, boilers, compressed air, air conditioning and refrigeration, power distribution and in-plant transport — are issued as management rules and work instructions and applied on the shop floor; outsourced fettling, hazardous-waste disposal and logistics are controlled through contract terms.",
                "Design (8.2): in design reviews of new products and facilities the Technology Centre considers industrial policy, customers' reduction demands, new technologies and processes and operation and maintenance criteria; review records include an evaluation of the carbon impact.",
                "Procurement (8.3): under the Low-carbon Procurement and Supplier Procedure (GP-CP-05) we evaluate purchases of energy, materials, equipment and services with a significant effect on emissions, tell suppliers in every request for quotation that low-carbon products are an evaluation criterion, and ask main suppliers to declare product carbon footprints.",
                "Change control (8.4): under the Change Control Procedure (GP-CP-06) changes to risks and opportunities, sources and sinks, facilities and equipment, purchases, accounting methodology and compliance requirements are reviewed, controlled and verified; a change of methodology flags the accounting results it affects.",
                "Data management (8.5): the Data Management and Quality Control Procedure (GP-CP-07) sets how data are collected, recorded, sampled, analysed and checked and the formulas used; this system is our carbon information database, and activity data count in the accounting only once approved.",
            ],
        ),
        (
            "performance",
            ["9.1", "9.2", "9.3", "9.4", "9.5"],
            "9 绩效评价",
            [
                "监视、测量、分析和评价（9.1）：按《监视测量与计量器具校准程序》（GP-CP-08）每月监视活动数据、主要设备运行参数、排放量和强度，对比基准年和目标；偏差超过 ±10% 时分析原因（边界、方法学、数据缺失、计量可靠性等）并采取措施。计量器具按周期检定或校准，主要计量点逐步实现在线采集。",
                "合规性评价（9.2）：法务合规部每年第四季度组织合规性评价，法律法规发生变化时及时评价，结果和后续措施记录在案。",
                "内部审核（9.3）：碳管办每年组织一次覆盖全部条款和场所的内部审核，审核计划包括目的、依据、范围、审核组组长和日程，审核报告包括过程概述、不符合项和结论，审核发现通知相关部门。",
                "纠正和预防（9.4）及管理评审（9.5）：不符合和潜在不符合按《不符合、纠正和预防措施程序》（GP-CP-11）处理；总经理每年主持一次管理评审，输入包括相关方需求、法律法规、风险和机遇、不符合、纠正措施、资源充分性和沟通情况。",
            ],
            "9 Performance evaluation",
            [
                "Monitoring, measurement, analysis and evaluation (9.1): under the Monitoring, Measurement and Calibration Procedure (GP-CP-08) we monitor every month the activity data, main operating parameters, emissions and intensity against the base year and the targets; a deviation beyond ±10 % is analysed for its cause (boundary, methodology, missing data, unreliable metering …) and acted upon. Measuring instruments are verified or calibrated on schedule, and the main metering points are moving to online collection.",
                "Compliance evaluation (9.2): the Legal and Compliance Department evaluates compliance every fourth quarter and whenever a legal requirement changes; results and follow-up actions are recorded.",
                "Internal audit (9.3): once a year the CMO runs an internal audit covering every clause and site; the audit plan states purpose, criteria, scope, lead auditor and schedule, the report gives an overview, the nonconformities and the conclusion, and the findings go to the departments concerned.",
                "Corrective and preventive action (9.4) and management review (9.5): actual and potential nonconformities are handled under the Nonconformity, Corrective and Preventive Action Procedure (GP-CP-11); the General Manager chairs a management review every year, with inputs including interested parties' needs, legal requirements, risks and opportunities, nonconformities, corrective actions, adequacy of resources and communication.",
            ],
        ),
        (
            "improvement",
            ["10.1", "10.2", "10.3"],
            "10 改进",
            [
                "公司根据目标完成情况、内部审核和管理评审的结果制定并落实改进措施（10.1）。发现不符合时，控制和纠正不符合并处理后果，分析原因，确定是否存在类似不符合，实施措施并评审其有效性，必要时变更体系（10.2）。",
                "公司每年在管理评审中评价体系的适宜性、充分性和有效性，保留碳排放总量和强度的逐年趋势作为持续改进的证据（10.3）。",
            ],
            "10 Improvement",
            [
                "We set and carry out improvement actions from the progress on objectives and the results of internal audits and management reviews (10.1). When a nonconformity is found we control and correct it and deal with its consequences, find its cause, check whether similar nonconformities exist, act, review the effectiveness of what we did and change the system where needed (10.2).",
                "Every year the management review evaluates the suitability, adequacy and effectiveness of the system; the year-on-year trend of total emissions and intensity is kept as evidence of continual improvement (10.3).",
            ],
        ),
        (
            "procedures",
            ["7.3.2"],
            "附录 A 程序文件概要",
            [
                "GP-CP-01 碳排放核算程序；GP-CP-02 碳排放评估与减排机会管理程序；GP-CP-03 碳排放目标与实施方案管理程序；GP-CP-04 文件化信息控制程序；GP-CP-05 低碳采购与供应商管理程序；GP-CP-06 变更控制程序；GP-CP-07 碳排放数据管理与质量控制程序。",
                "GP-CP-08 监视测量与计量器具校准程序；GP-CP-09 合规性评价程序；GP-CP-10 内部审核程序；GP-CP-11 不符合、纠正和预防措施程序；GP-CP-12 管理评审程序；GP-CP-13 内外部因素和相关方管理程序；GP-CP-14 风险和机遇管理程序。",
            ],
            "Annex A Summary of procedures",
            [
                "GP-CP-01 Carbon Accounting Procedure; GP-CP-02 Assessment and Reduction Opportunities Procedure; GP-CP-03 Objectives and Implementation Plans Procedure; GP-CP-04 Documented Information Control Procedure; GP-CP-05 Low-carbon Procurement and Supplier Procedure; GP-CP-06 Change Control Procedure; GP-CP-07 Data Management and Quality Control Procedure.",
                "GP-CP-08 Monitoring, Measurement and Calibration Procedure; GP-CP-09 Compliance Evaluation Procedure; GP-CP-10 Internal Audit Procedure; GP-CP-11 Nonconformity, Corrective and Preventive Action Procedure; GP-CP-12 Management Review Procedure; GP-CP-13 Context and Interested Parties Procedure; GP-CP-14 Risks and Opportunities Procedure.",
            ],
        ),
    ],
}
