"""Management rules of the demo enterprise (clause 7.3.2 c), pure data, no Django.

``articles`` are (clause, zh heading, zh paragraphs, en heading, en paragraphs).
"""

from datetime import date

from .common import EDITION_DATE

MR01 = {
    "document_number": "GP-MR-01",
    "slug": "gp-mr-01-energy-metering",
    "version": "2.0",
    "owner": "energy",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 24,
    "clauses": ["8.1", "8.5.2", "9.1.4"],
    "zh": {
        "title": "能源计量管理制度",
        "purpose": "规范能源计量器具的配备、使用、抄读和数据管理，保证碳排放活动数据准确可靠。",
        "scope": "适用于 F01–F04 各场所的电力、天然气、蒸汽、热水、柴油、汽油、液化石油气、焦炭、烟煤和生物质颗粒的计量。",
        "responsible": "设备动力部",
        "change_summary": "第 2.0 版：增加焦炭和生物质颗粒入厂计量要求；抄表数据改为在系统中提交。",
    },
    "en": {
        "title": "Energy Metering Rule",
        "purpose": "Governs how energy measuring instruments are fitted, used and read and how their data are handled, so that activity data for emissions are accurate and reliable.",
        "scope": "Metering of electricity, natural gas, steam, hot water, diesel, petrol, LPG, coke, bituminous coal and biomass pellets at sites F01–F04.",
        "responsible": "Equipment and Utilities Department",
        "change_summary": "Version 2.0: adds metering of incoming coke and biomass pellets; meter readings now submitted in the system.",
    },
    "articles": [
        (
            "9.1.4",
            "第一条 职责",
            [
                "设备动力部负责能源计量器具的配备规划、运行管理和抄读；质量部计量室负责检定校准；各厂区碳管理员负责本厂区数据的提交；碳管办负责数据的使用和质量监督。"
            ],
            "Article 1 Responsibilities",
            [
                "Equipment and Utilities plans the fitting of energy instruments, runs them and reads them; the Metrology Laboratory verifies and calibrates them; each site carbon coordinator submits the site's data; the CMO uses the data and oversees their quality."
            ],
        ),
        (
            "9.1.4",
            "第二条 配备要求",
            [
                "按 GB 17167—2006 配备三级计量：进出厂一级计量配备率 100%；车间、站房等二级计量配备率不低于 95%；额定功率 100 kW 以上设备和全部燃烧设备三级计量配备率不低于 80%。",
                "天然气锅炉 1#、2#（S01、S02）和天然气熔炼炉（S03）须分别设独立流量计；焦炭冲天炉（S04）焦炭入炉须经电子秤计量。",
            ],
            "Article 2 Fitting",
            [
                "Three metering levels are fitted as GB 17167—2006 requires: 100 % at site inputs and outputs; at least 95 % for workshops, stations and similar second-level units; at least 80 % for equipment rated above 100 kW and for every combustion unit.",
                "Gas boilers no. 1 and no. 2 (S01, S02) and the gas melting furnace (S03) each have their own flow meter; coke charged to the cupola (S04) is weighed on an electronic scale.",
            ],
        ),
        (
            "8.5.2",
            "第三条 抄读和记录",
            [
                "一级计量表每月最后一个工作日 16:00 统一抄读，双人抄表、现场拍照；二、三级计量表每周抄读一次；在线采集表以系统数据为准，每月与现场读数核对一次。",
                "抄表数据按《活动数据系统上传作业指导书》（GP-WI-04）在次月 5 日前提交。",
            ],
            "Article 3 Reading and recording",
            [
                "First-level meters are read at 16:00 on the last working day of each month by two people, with photographs; second- and third-level meters weekly; online meters are taken from the system and checked against a site reading once a month.",
                "Readings are submitted by the 5th of the following month under the Activity Data Upload Instruction (GP-WI-04).",
            ],
        ),
        (
            "8.5.1",
            "第四条 核对和异常",
            [
                "计量数据每月与供方结算单核对，差异超过 2% 须查明原因；发现表计停走、倒走、跳字或封印破损，应在 24 小时内报告设备动力部并按 GP-CP-08 失准处置。"
            ],
            "Article 4 Reconciliation and anomalies",
            [
                "Metered data are reconciled with suppliers' statements every month and differences above 2 % investigated; a meter that stops, runs backwards, jumps or has a broken seal is reported to Equipment and Utilities within 24 hours and handled as out of tolerance under GP-CP-08."
            ],
        ),
        (
            "7.2",
            "第五条 考核",
            ["计量数据迟报、漏报或弄虚作假的，按《碳排放绩效考核管理制度》（GP-MR-04）考核。"],
            "Article 5 Appraisal",
            [
                "Late, missing or falsified metering data are dealt with under the Carbon Performance Appraisal Rule (GP-MR-04)."
            ],
        ),
    ],
}

MR02 = {
    "document_number": "GP-MR-02",
    "slug": "gp-mr-02-refrigerant-fgas",
    "version": "1.1",
    "owner": "energy",
    "approver": "mr",
    "effective_date": date(2025, 7, 1),
    "review_interval_months": 24,
    "clauses": ["8.1", "6.3.1", "4.2.2"],
    "zh": {
        "title": "制冷剂和含氟气体管理制度",
        "purpose": "控制空调、冷库和高压开关柜中含氟温室气体（HFCs、SF6）的充装、回收和泄漏，减少逸散排放并满足消耗臭氧层物质和含氟气体管理要求。",
        "scope": "适用于苏州总装厂中央空调（S13，R-410A）、上海研发中心数据中心精密空调（S14，R-134a）、合肥零部件厂冷库（S16，R-404A）和苏州总装厂 110 kV 开关柜（S15，SF6），以及新购含氟气体设备。",
        "responsible": "设备动力部",
        "change_summary": "第 1.1 版：增加 SF6 开关柜年度检漏要求和 R-404A 替代计划。",
    },
    "en": {
        "title": "Refrigerant and Fluorinated Gas Rule",
        "purpose": "Controls the charging, recovery and leakage of fluorinated greenhouse gases (HFCs, SF6) in air conditioning, the cold store and high-voltage switchgear, to cut fugitive emissions and meet the requirements on ozone-depleting substances and fluorinated gases.",
        "scope": "The Suzhou central air conditioning (S13, R-410A), the Shanghai R&D data-centre CRAC units (S14, HFC-134a), the Hefei cold store (S16, R-404A), the Suzhou 110 kV switchgear (S15, SF6), and any new equipment containing fluorinated gases.",
        "responsible": "Equipment and Utilities Department",
        "change_summary": "Version 1.1: adds the annual leak test of the SF6 switchgear and the R-404A replacement plan.",
    },
    "articles": [
        (
            "6.3.1",
            "第一条 设备台账",
            [
                "设备动力部建立含氟气体设备台账，记录设备编号、位置、气体种类、额定充装量、投运日期和维保单位，并与排放源清单（S13–S16）对应。"
            ],
            "Article 1 Equipment ledger",
            [
                "Equipment and Utilities keeps a ledger of equipment containing fluorinated gases — number, location, gas, rated charge, commissioning date and maintenance contractor — matched to the register of sources (S13–S16)."
            ],
        ),
        (
            "8.1",
            "第二条 充装和回收",
            [
                "充装、回收只能由持有制冷作业资格证的人员实施，每次充装和回收均按《制冷剂补充登记作业指导书》（GP-WI-02）称重登记，气瓶进出库登记编号和净重。",
                "设备维修、报废时须回收全部制冷剂，禁止直接排放；回收的制冷剂交有资质单位再生或销毁，保留转移联单。",
            ],
            "Article 2 Charging and recovery",
            [
                "Only certified refrigeration technicians charge or recover gas; every charge and recovery is weighed and logged under the Refrigerant Top-up Logging Instruction (GP-WI-02), and cylinders are logged in and out by number and net weight.",
                "On repair or scrapping all refrigerant is recovered, never vented; recovered gas goes to a licensed company for reclamation or destruction, and the transfer manifest is kept.",
            ],
        ),
        (
            "8.1",
            "第三条 检漏",
            [
                "中央空调和冷库每季度检漏一次，精密空调每月巡检一次；SF6 开关柜按《SF6 开关柜巡检作业指导书》（GP-WI-03）每月记录气室压力，每年用红外检漏仪检漏一次。年补充量超过额定充装量 10% 的设备须查明泄漏点并限期修复。"
            ],
            "Article 3 Leak checks",
            [
                "Central air conditioning and the cold store are leak-checked every quarter, CRAC units inspected every month; the SF6 switchgear's compartment pressures are logged monthly under the SF6 Switchgear Inspection Instruction (GP-WI-03) and leak-tested with an infrared camera once a year. Equipment topped up by more than 10 % of its rated charge in a year must have the leak found and repaired by a set date."
            ],
        ),
        (
            "6.6",
            "第四条 替代",
            [
                "新购空调和制冷设备优先选用低 GWP 制冷剂（如 R-32、R-290、CO2）；合肥冷库 R-404A（GWP 3922）机组计划于 2027 年更换为 CO2 复叠系统，纳入实施方案。"
            ],
            "Article 4 Substitution",
            [
                "New air conditioning and refrigeration equipment uses low-GWP refrigerants (e.g. R-32, R-290, CO2) where possible; the Hefei cold store's R-404A unit (GWP 3922) is due to be replaced by a CO2 cascade system in 2027, as an implementation plan."
            ],
        ),
    ],
}

MR03 = {
    "document_number": "GP-MR-03",
    "slug": "gp-mr-03-carbon-data-confidentiality",
    "version": "1.0",
    "owner": "it",
    "approver": "mr",
    "effective_date": date(2026, 12, 1),
    "review_interval_months": 24,
    "clauses": ["8.5.3", "7.3.2"],
    "zh": {
        "title": "碳数据保密管理制度",
        "purpose": "规定碳排放数据、核算结果和产品碳足迹信息的密级、访问权限、对外提供和公开要求，防止未经授权的泄露和篡改。",
        "scope": "适用于本系统及其导出文件中的活动数据、排放因子、核算运行、报告和供应商碳信息。",
        "responsible": "信息技术部（系统权限）；碳排放管理办公室（数据密级和对外提供）",
        "change_summary": "第 1.0 版：首次发布（审批中）。",
    },
    "en": {
        "title": "Carbon Data Confidentiality Rule",
        "purpose": "Sets the classification of emissions data, accounting results and product footprint information, who may access them, and how they may be given to others or published, to prevent unauthorised disclosure or alteration.",
        "scope": "Activity data, emission factors, accounting runs, reports and supplier carbon information in this system and in files exported from it.",
        "responsible": "IT Department (system access); Carbon Management Office (classification and external release)",
        "change_summary": "Version 1.0: first issue (in review).",
    },
    "articles": [
        (
            "8.5.3",
            "第一条 密级",
            [
                "碳数据分为三级：公开（经批准公开的年度排放总量、强度、方针和范围）；内部（月度排放、目标进展、文件）；秘密（分厂区分工序能耗、供应商碳足迹、未批准核算结果、客户专用碳足迹报告）。"
            ],
            "Article 1 Classification",
            [
                "Carbon data have three levels: public (approved annual totals and intensity, policy and scope); internal (monthly emissions, progress on objectives, documents); confidential (energy by site and process, supplier footprints, unapproved accounting results, footprint reports made for a particular customer)."
            ],
        ),
        (
            "8.5.3",
            "第二条 访问权限",
            [
                "系统按角色授权：数据填报人仅能提交本厂区数据，数据审核人审核批准，审核员只读；权限每半年复核一次，离岗人员当日停用账号。"
            ],
            "Article 2 Access",
            [
                "The system grants access by role: data submitters submit only their own site's data, data reviewers approve, auditors read only; access is reviewed every six months and accounts of leavers are disabled the same day."
            ],
        ),
        (
            "7.3.2",
            "第三条 对外提供",
            [
                "向客户、核查机构、银行或监管部门提供内部或秘密数据，须经碳管办主任批准，必要时签订保密协议，并登记提供内容和接收方。"
            ],
            "Article 3 External release",
            [
                "Internal or confidential data go to customers, verifiers, banks or regulators only with the approval of the head of the CMO, under a confidentiality agreement where needed, and the content and recipient are logged."
            ],
        ),
        (
            "8.5.1",
            "第四条 防篡改",
            [
                "已批准的数据和核算运行不得修改，更正须通过新的数据提交和新的核算运行完成，系统保留全部历史记录。"
            ],
            "Article 4 Integrity",
            [
                "Approved data and accounting runs are never edited; corrections are made by a new submission and a new run, and the system keeps the full history."
            ],
        ),
    ],
}

MR04 = {
    "document_number": "GP-MR-04",
    "slug": "gp-mr-04-carbon-performance-appraisal",
    "version": "1.0",
    "owner": "hr",
    "approver": "gm",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["7.2", "7.3.2", "5.1"],
    "zh": {
        "title": "碳排放绩效考核管理制度",
        "purpose": "将碳排放管理目标和体系运行要求纳入部门和个人绩效考核，奖励碳减排行为和减排措施的实施（T/CSES 146—2024 第 7.2 c 条、第 7.3.2 c 条）。",
        "scope": "适用于各部门、各厂区及其负责人、碳管理员、数据填报人和数据审核人。",
        "responsible": "人力资源部（考核组织）；碳排放管理办公室（考核数据）",
        "change_summary": "第 1.0 版：首次发布。",
    },
    "en": {
        "title": "Carbon Performance Appraisal Rule",
        "purpose": "Builds carbon objectives and system requirements into department and individual performance appraisal and rewards reduction behaviour and the delivery of reduction measures (T/CSES 146—2024, 7.2 c and 7.3.2 c).",
        "scope": "Departments, sites and their heads, carbon coordinators, data submitters and data reviewers.",
        "responsible": "Human Resources (organises appraisal); Carbon Management Office (appraisal data)",
        "change_summary": "Version 1.0: first issue.",
    },
    "articles": [
        (
            "7.2",
            "第一条 考核指标",
            [
                "厂区：单位产品碳排放强度目标完成率（权重 40%）、实施方案里程碑完成率（20%）、数据按时提交和一次审核通过率（20%）、不符合项关闭率（20%）。职能部门按其程序文件的关键绩效指标考核。"
            ],
            "Article 1 Indicators",
            [
                "Sites: achievement of the carbon intensity target (weight 40 %), plan milestones met (20 %), data submitted on time and approved at first review (20 %), nonconformities closed (20 %). Functional departments are appraised on the KPIs of their procedures."
            ],
        ),
        (
            "7.2",
            "第二条 考核周期和结果应用",
            ["季度考核、年度总评；考核结果占部门年度绩效的 10%，与负责人年度奖金挂钩。"],
            "Article 2 Periods and use of results",
            [
                "Appraisal quarterly with a yearly overall rating; the result weighs 10 % of the department's annual performance and is linked to its head's annual bonus."
            ],
        ),
        (
            "7.1",
            "第三条 奖励",
            [
                "设立碳减排奖励基金，年度预算 50 万元：经验证的减排项目按每吨 CO2e 20 元奖励项目团队；合理化建议被采纳并产生减排的，奖励 500–5,000 元。"
            ],
            "Article 3 Rewards",
            [
                "A carbon reduction reward fund of CNY 500,000 a year: verified reduction projects earn the project team CNY 20 per tonne CO2e; adopted suggestions that cut emissions earn CNY 500–5,000."
            ],
        ),
        (
            "8.5.1",
            "第四条 处罚",
            [
                "数据弄虚作假的，取消当年评优资格并按员工奖惩规定处理；因违规导致监管处罚的，追究责任部门负责人责任。"
            ],
            "Article 4 Penalties",
            [
                "Falsified data disqualify the person from that year's awards and are dealt with under the staff disciplinary rules; a regulatory penalty caused by a breach is charged to the head of the responsible department."
            ],
        ),
    ],
}

#: All management rules in document-number order.
RULES = [MR01, MR02, MR03, MR04]
