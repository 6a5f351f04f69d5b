"""Work instructions of the demo enterprise (clause 7.3.2 d, 8.1), pure data, no Django.

``parent`` is the document number of the procedure or management rule the instruction
sits under. GP-WI-06 is the withdrawn instruction that GP-WI-04 superseded.
"""

from datetime import date

from .common import EDITION_DATE

WI01 = {
    "document_number": "GP-WI-01",
    "slug": "gp-wi-01-natural-gas-meter-reading",
    "parent": "GP-MR-01",
    "version": "2.0",
    "owner": "energy",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 24,
    "clauses": ["8.5.2", "9.1.2"],
    "zh": {
        "title": "天然气表月度抄读作业指导书",
        "purpose": "规定天然气流量计的月度抄读、核对和提交方法，为燃气锅炉和天然气熔炼炉的碳排放核算提供准确的活动数据。",
        "applies_to": "苏州总装厂燃气锅炉 1#、2#（S01、S02）流量计；无锡铸造分厂天然气熔炼炉（S03）流量计；各厂区天然气进厂总表",
        "responsible": "设备动力部（各厂区动力班组）",
        "steps": [
            (
                "准备",
                "每月最后一个工作日 15:30 前领取抄表记录表和防爆相机，确认上月读数和表计编号；两人一组，其中一人为班组长。",
                "动力班组",
            ),
            (
                "现场抄读",
                "16:00 整读取流量计累计工况体积、标况体积（万 Nm³）、温度和压力，拍摄表盘照片（须清晰显示表号和读数）；检查铅封是否完好。",
                "动力班组",
            ),
            (
                "核对",
                "计算本月用量 = 本月标况累计读数 − 上月读数；与体积修正仪显示值和上月用量对比，变化超过 20% 时复读一次并在记录表备注原因（如停炉检修、产量变化）。",
                "动力班组长",
            ),
            (
                "记录签字",
                "两人在抄表记录表上签字；发现铅封破损、表计故障或读数异常，当日报告设备动力部。",
                "动力班组",
            ),
            (
                "录入系统",
                "次月 3 日前按 GP-WI-04 将用量（单位：万Nm3）录入系统或填入上传模板，并上传表盘照片和记录表扫描件。",
                "厂区碳管理员",
            ),
            (
                "与结算单核对",
                "收到燃气公司结算单后，将进厂总表读数与结算量核对，差异超过 2% 的报碳管办。",
                "设备动力部",
            ),
        ],
        "precautions": [
            "进入燃气调压站须佩戴便携式可燃气体报警仪，禁止携带火种和使用非防爆手机拍照。",
            "读取标况累计值而非工况值；单位为万 Nm³，注意小数点位置（例如 3.82 万Nm³ 即 38,200 Nm³）。",
            "禁止自行拆卸、调整流量计和体积修正仪。",
        ],
        "records": [
            ("天然气抄表记录表", "5 年", "各厂区动力班组；扫描件在本系统"),
            ("表盘照片", "5 年", "本系统 数据提交附件"),
        ],
        "change_summary": "第 2.0 版：抄读时间统一为月末 16:00；增加照片上传和与结算单核对的要求。",
    },
    "en": {
        "title": "Monthly Natural-gas Meter Reading Instruction",
        "purpose": "Sets how natural-gas flow meters are read, checked and submitted each month, giving accurate activity data for the gas boilers and the gas melting furnace.",
        "applies_to": "Flow meters of gas boilers no. 1 and no. 2 at the Suzhou assembly plant (S01, S02); flow meter of the gas melting furnace at the Wuxi foundry (S03); each site's main incoming gas meter",
        "responsible": "Equipment and Utilities Department (site utility crews)",
        "steps": [
            (
                "Prepare",
                "Before 15:30 on the last working day of the month, collect the reading sheet and the explosion-proof camera and check last month's readings and meter numbers; work in pairs, one of whom is the crew leader.",
                "Utility crew",
            ),
            (
                "Read on site",
                "At 16:00 read the cumulative actual volume, the standard volume (10⁴ Nm³), temperature and pressure, and photograph the display so that meter number and reading are legible; check the seals.",
                "Utility crew",
            ),
            (
                "Check",
                "Monthly use = this month's cumulative standard reading − last month's; compare with the volume corrector and last month's use; if the change exceeds 20 %, read again and note the reason on the sheet (e.g. furnace shutdown, output change).",
                "Crew leader",
            ),
            (
                "Sign the record",
                "Both readers sign the sheet; a broken seal, meter fault or odd reading is reported to Equipment and Utilities the same day.",
                "Utility crew",
            ),
            (
                "Enter in the system",
                "By the 3rd of the following month enter the use (unit: 万Nm3, i.e. 10⁴ Nm³) in the system or the upload template under GP-WI-04, with the photographs and a scan of the sheet.",
                "Site carbon coordinator",
            ),
            (
                "Reconcile with the bill",
                "When the gas company's statement arrives, reconcile the main meter reading with the billed quantity and report differences above 2 % to the CMO.",
                "Equipment and Utilities",
            ),
        ],
        "precautions": [
            "Carry a portable flammable-gas detector in the gas pressure-reducing station; no naked flames and no non-explosion-proof phones for photographs.",
            "Read the standard (corrected) cumulative volume, not the actual volume; the unit is 10⁴ Nm³ — mind the decimal point (3.82 万Nm3 is 38,200 Nm³).",
            "Never dismantle or adjust flow meters or volume correctors.",
        ],
        "records": [
            (
                "Natural-gas meter reading sheet",
                "5 years",
                "Site utility crew; scan in this system",
            ),
            ("Meter photographs", "5 years", "This system, submission attachments"),
        ],
        "change_summary": "Version 2.0: readings taken at 16:00 on the last working day; photographs and reconciliation with the gas bill added.",
    },
}

WI02 = {
    "document_number": "GP-WI-02",
    "slug": "gp-wi-02-refrigerant-top-up-logging",
    "parent": "GP-MR-02",
    "version": "1.1",
    "owner": "energy",
    "approver": "mr",
    "effective_date": date(2025, 7, 1),
    "review_interval_months": 24,
    "clauses": ["6.3.1", "8.5.2"],
    "zh": {
        "title": "制冷剂补充登记作业指导书",
        "purpose": "规定制冷剂充装、补充和回收的称重和登记方法，用于按质量平衡法核算 HFCs 逸散排放。",
        "applies_to": "中央空调（S13，R-410A）、数据中心精密空调（S14，R-134a）、冷库制冷机组（S16，R-404A）",
        "responsible": "设备动力部（制冷维保班组及外部维保单位）",
        "steps": [
            (
                "作业前称重",
                "充装前用经校准的制冷剂回收秤（分度值 ≤ 10 g）称量气瓶毛重，记录气瓶编号和制冷剂种类。",
                "制冷维保人员",
            ),
            ("充装或回收", "按设备说明书充装或回收，作业完成后关闭阀门、检漏。", "制冷维保人员"),
            (
                "作业后称重",
                "再次称量气瓶毛重，充装量 = 作业前毛重 − 作业后毛重（回收量取相反数），精确到 0.01 kg。",
                "制冷维保人员",
            ),
            (
                "登记",
                "在制冷剂台账上登记日期、设备编号、制冷剂种类、充装或回收量、原因（泄漏补充、维修后充装、新设备首次充装、报废回收）和作业人。",
                "制冷维保人员",
            ),
            (
                "录入系统",
                "每月 3 日前由厂区碳管理员将上月各设备的充装量和回收量按 GP-WI-04 录入系统（单位：kg），首次充装和报废回收须在备注中注明。",
                "厂区碳管理员",
            ),
            (
                "异常报告",
                "单台设备一年累计补充量超过额定充装量 10% 时，设备动力部当月组织查漏修复。",
                "设备动力部",
            ),
        ],
        "precautions": [
            "只有持有制冷作业资格证的人员可以操作；外部维保单位须提供称重记录原件。",
            "严禁向大气排放制冷剂；不同种类制冷剂不得混装。",
            "回收秤每年校准一次，校准标签过期的不得使用。",
        ],
        "records": [
            ("制冷剂台账", "10 年", "设备动力部；本系统 数据提交"),
            ("外部维保单位称重记录", "10 年", "设备动力部"),
        ],
        "change_summary": "第 1.1 版：增加首次充装和报废回收的备注要求，以便区分设备安装、运行和报废阶段的排放。",
    },
    "en": {
        "title": "Refrigerant Top-up Logging Instruction",
        "purpose": "Sets how refrigerant charged, topped up and recovered is weighed and logged, for the mass-balance accounting of HFC fugitive emissions.",
        "applies_to": "Central air conditioning (S13, R-410A), data-centre CRAC units (S14, HFC-134a), cold-store refrigeration (S16, R-404A)",
        "responsible": "Equipment and Utilities Department (refrigeration maintenance crew and contractors)",
        "steps": [
            (
                "Weigh before",
                "Before charging, weigh the cylinder on the calibrated refrigerant scale (resolution ≤ 10 g) and note the cylinder number and refrigerant.",
                "Refrigeration technician",
            ),
            (
                "Charge or recover",
                "Charge or recover as the equipment manual says, then close the valves and leak-check.",
                "Refrigeration technician",
            ),
            (
                "Weigh after",
                "Weigh the cylinder again; quantity charged = weight before − weight after (the opposite for recovery), to 0.01 kg.",
                "Refrigeration technician",
            ),
            (
                "Log",
                "Record in the refrigerant log the date, equipment number, refrigerant, quantity charged or recovered, reason (leak top-up, charge after repair, first charge of new equipment, recovery at scrapping) and technician.",
                "Refrigeration technician",
            ),
            (
                "Enter in the system",
                "By the 3rd of each month the site carbon coordinator enters the previous month's charges and recoveries per unit in the system under GP-WI-04 (unit: kg), noting first charges and recoveries at scrapping.",
                "Site carbon coordinator",
            ),
            (
                "Report anomalies",
                "When a unit's top-ups in a year exceed 10 % of its rated charge, Equipment and Utilities has the leak found and repaired that month.",
                "Equipment and Utilities",
            ),
        ],
        "precautions": [
            "Only certified refrigeration technicians may work on the equipment; contractors hand over their original weighing records.",
            "Never vent refrigerant; never mix refrigerants.",
            "The recovery scale is calibrated every year; do not use it once its calibration label has expired.",
        ],
        "records": [
            ("Refrigerant log", "10 years", "Equipment and Utilities; this system, submissions"),
            ("Contractors' weighing records", "10 years", "Equipment and Utilities"),
        ],
        "change_summary": "Version 1.1: first charges and recoveries at scrapping are noted so that installation, operation and disposal emissions can be told apart.",
    },
}

WI03 = {
    "document_number": "GP-WI-03",
    "slug": "gp-wi-03-sf6-switchgear-inspection",
    "parent": "GP-MR-02",
    "version": "1.0",
    "owner": "energy",
    "approver": "mr",
    "effective_date": date(2025, 7, 1),
    "review_interval_months": 24,
    "clauses": ["6.3.1", "9.1.2", "8.1"],
    "zh": {
        "title": "SF6 开关柜巡检作业指导书",
        "purpose": "规定 110 kV SF6 气体绝缘开关柜的月度巡检、年度检漏和补气登记方法，控制 SF6 逸散并为核算提供数据。",
        "applies_to": "苏州总装厂 110 kV 变电站 SF6 开关柜（S15），共 6 个气室",
        "responsible": "设备动力部（变电站值班电工）",
        "steps": [
            (
                "月度巡检",
                "每月 10 日前巡检，记录各气室 SF6 密度继电器读数（MPa，20 ℃ 折算值）和环境温度，检查有无异响、异味和压力报警。",
                "值班电工",
            ),
            (
                "趋势判断",
                "读数与额定压力对比，任一气室较上次下降超过 0.01 MPa 或接近报警值时，报告设备动力部安排检漏。",
                "值班电工",
            ),
            (
                "年度检漏",
                "每年 4 月委托有资质单位用红外成像检漏仪对全部气室检漏，出具检漏报告。",
                "设备动力部",
            ),
            (
                "补气和回收登记",
                "补气或检修回收由有资质单位实施，按 GP-WI-02 的称重方法记录补气量和回收量（kg），气瓶称重前后数据附在工单后。",
                "设备动力部",
            ),
            (
                "录入系统",
                "当月有补气或回收的，次月 3 日前录入系统（排放源 S15，单位 kg）；无补气的月份录入 0。",
                "厂区碳管理员",
            ),
        ],
        "precautions": [
            "进入 SF6 开关室前先通风 15 分钟，并确认氧含量 ≥ 18% 和 SF6 浓度 ≤ 1000 μL/L 报警仪无报警。",
            "巡检只读表不操作；任何操作须执行电气工作票制度。",
            "SF6 分解物有毒，检修时佩戴防毒面具和手套。",
        ],
        "records": [
            ("SF6 开关柜巡检记录", "10 年", "苏州 110 kV 变电站；本系统 数据提交"),
            ("年度检漏报告", "10 年", "设备动力部"),
            ("补气和回收工单", "10 年", "设备动力部"),
        ],
        "change_summary": "第 1.0 版：首次发布。",
    },
    "en": {
        "title": "SF6 Switchgear Inspection Instruction",
        "purpose": "Sets the monthly inspection, annual leak test and top-up logging of the 110 kV SF6 gas-insulated switchgear, to control SF6 leaks and supply data for the accounting.",
        "applies_to": "SF6 switchgear of the 110 kV substation at the Suzhou assembly plant (S15), six gas compartments",
        "responsible": "Equipment and Utilities Department (substation duty electricians)",
        "steps": [
            (
                "Monthly inspection",
                "By the 10th of each month read each compartment's SF6 density relay (MPa, corrected to 20 °C) and the room temperature, and check for noise, smell and pressure alarms.",
                "Duty electrician",
            ),
            (
                "Judge the trend",
                "Compare with the rated pressure; if any compartment has fallen by more than 0.01 MPa since the last reading or nears its alarm value, report to Equipment and Utilities for a leak test.",
                "Duty electrician",
            ),
            (
                "Annual leak test",
                "Each April a qualified contractor tests every compartment with an infrared leak-imaging camera and issues a report.",
                "Equipment and Utilities",
            ),
            (
                "Log top-ups and recovery",
                "Top-ups and recovery during overhaul are done by a qualified contractor and weighed as in GP-WI-02 (kg); cylinder weights before and after are attached to the work order.",
                "Equipment and Utilities",
            ),
            (
                "Enter in the system",
                "In a month with a top-up or recovery, enter it by the 3rd of the next month (source S15, unit kg); enter 0 for months without.",
                "Site carbon coordinator",
            ),
        ],
        "precautions": [
            "Ventilate the SF6 switch room for 15 minutes before entering and check that the monitor shows oxygen ≥ 18 % and SF6 ≤ 1000 μL/L without alarm.",
            "Inspection means reading only; any operation needs an electrical work permit.",
            "SF6 decomposition products are toxic: wear a respirator and gloves during overhaul.",
        ],
        "records": [
            (
                "SF6 switchgear inspection log",
                "10 years",
                "Suzhou 110 kV substation; this system, submissions",
            ),
            ("Annual leak test report", "10 years", "Equipment and Utilities"),
            ("Top-up and recovery work orders", "10 years", "Equipment and Utilities"),
        ],
        "change_summary": "Version 1.0: first issue.",
    },
}

WI04 = {
    "document_number": "GP-WI-04",
    "slug": "gp-wi-04-activity-data-upload",
    "parent": "GP-CP-07",
    "version": "1.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["8.5.1", "8.5.2", "8.5.3"],
    "zh": {
        "title": "活动数据系统上传作业指导书",
        "purpose": "规定各厂区通过本系统提交月度活动数据的操作步骤、模板填写规则和错误处理，替代原 Excel 月报表（GP-WI-06，已废止）。",
        "applies_to": "F01–F04 厂区碳管理员（数据填报人）；全部排放源 S01–S24",
        "responsible": "碳排放管理办公室",
        "steps": [
            (
                "下载模板",
                "登录系统，进入“活动数据—提交”，下载当月中英双语上传模板（XLSX）；模板已列出本厂区全部排放源编号、名称和规定单位。",
                "厂区碳管理员",
            ),
            (
                "填写数据",
                "逐行填写期间（YYYY-MM）、排放源编号、数量、单位和数据来源（计量表/发票/盘存/估算）；单位须与模板一致或为可换算单位（如 kWh、MWh、万kWh）。估算数据必须选择“估算”并在备注中说明方法。",
                "厂区碳管理员",
            ),
            (
                "上传和校验",
                "上传文件后系统立即校验；如有错误，系统列出每个错误的行号、列名和值（例如“第 12 行：单位 万m3 不是可识别的单位”），整批数据均不入库，须改正后重新上传。",
                "厂区碳管理员",
            ),
            (
                "附凭证",
                "校验通过后上传原始凭证（抄表记录、照片、发票、出入库单）扫描件，提交审核。",
                "厂区碳管理员",
            ),
            (
                "审核",
                "数据审核人按 GP-CP-07 审核，退回的数据按审核意见修改后重新提交；批准后数据状态变为“已批准”，方可参与核算。",
                "数据审核人",
            ),
            (
                "接口推送（可选）",
                "已接入在线计量的表计由系统接口自动推送读数，碳管理员只需核对并补充非在线数据。",
                "信息技术部、厂区碳管理员",
            ),
        ],
        "precautions": [
            "每月 5 日 24:00 为提交截止时间，逾期按 GP-MR-04 考核。",
            "不得修改模板列标题和排放源编号；新增排放源须先由碳管办在排放源清单中登记。",
            "已批准的数据不能修改，如需更正须重新提交并说明原因。",
        ],
        "records": [
            ("活动数据提交记录（含校验结果）", "10 年", "本系统 数据提交"),
            ("原始凭证扫描件", "10 年", "本系统 数据提交附件"),
        ],
        "change_summary": "第 1.0 版：首次发布，替代 GP-WI-06《碳排放月报表（Excel）填报作业指导书》。",
    },
    "en": {
        "title": "Activity Data Upload Instruction",
        "purpose": "Sets how each site submits its monthly activity data through this system — steps, template rules and error handling — replacing the former Excel monthly report (GP-WI-06, withdrawn).",
        "applies_to": "Carbon coordinators (data submitters) of sites F01–F04; all sources S01–S24",
        "responsible": "Carbon Management Office",
        "steps": [
            (
                "Download the template",
                "Log in, open 'Activity data — Submit' and download the month's bilingual upload template (XLSX); it lists every source code, name and required unit of your site.",
                "Site carbon coordinator",
            ),
            (
                "Fill in the data",
                "One row per item: period (YYYY-MM), source code, quantity, unit and data source (meter / invoice / stock-take / estimate); the unit must match the template or be convertible (e.g. kWh, MWh, 万kWh). Estimated data must be marked 'estimate' with the method in the remarks.",
                "Site carbon coordinator",
            ),
            (
                "Upload and validate",
                "The system validates the file on upload; every error is listed with its row, column and value (e.g. 'Row 12: unit 万m3 is not a unit'), nothing from the batch is stored, and the corrected file is uploaded again.",
                "Site carbon coordinator",
            ),
            (
                "Attach evidence",
                "Once validated, upload scans of the originals (reading sheets, photographs, invoices, stores documents) and submit for review.",
                "Site carbon coordinator",
            ),
            (
                "Review",
                "A data reviewer reviews under GP-CP-07; returned data are corrected and resubmitted; approved data become 'approved' and count in the accounting.",
                "Data reviewer",
            ),
            (
                "API push (optional)",
                "Meters connected online push their readings through the system API; the coordinator only checks them and adds the data that are not online.",
                "IT, site carbon coordinator",
            ),
        ],
        "precautions": [
            "The deadline is 24:00 on the 5th of each month; late submissions are appraised under GP-MR-04.",
            "Do not change column headings or source codes; a new source must first be registered by the CMO.",
            "Approved data cannot be edited; a correction is a new submission with its reason.",
        ],
        "records": [
            (
                "Activity data submissions (with validation results)",
                "10 years",
                "This system, submissions",
            ),
            ("Scans of original documents", "10 years", "This system, submission attachments"),
        ],
        "change_summary": "Version 1.0: first issue, replacing GP-WI-06 Monthly Carbon Report (Excel) Instruction.",
    },
}

WI05 = {
    "document_number": "GP-WI-05",
    "slug": "gp-wi-05-cupola-coke-weighing",
    "parent": "GP-MR-01",
    "version": "1.0",
    "owner": "production",
    "approver": "mr",
    "effective_date": date(2027, 1, 1),
    "review_interval_months": 24,
    "clauses": ["8.1", "8.5.2", "9.1.2"],
    "zh": {
        "title": "冲天炉焦炭入炉计量作业指导书",
        "purpose": "规定焦炭冲天炉每批次焦炭入炉的称量、记录和取样方法，提高焦炭活动数据和含碳量数据的准确性。",
        "applies_to": "无锡铸造分厂熔炼车间焦炭冲天炉（S04）及其加料电子秤",
        "responsible": "运营管理部（无锡熔炼车间）",
        "steps": [
            (
                "班前检查",
                "每班开炉前用 20 kg 标准砝码校核加料电子秤，误差超过 ±0.2% 停用并报计量室。",
                "加料工",
            ),
            (
                "批次称量",
                "每批底焦和层焦单独称量，称量值自动记入加料系统；人工加料时在加料记录表上逐批记录时间、批号和净重。",
                "加料工",
            ),
            (
                "班次汇总",
                "交班时汇总本班焦炭入炉量（t，保留两位小数），与焦炭库出库量对比，差异超过 1% 时查明原因。",
                "熔炼班长",
            ),
            (
                "取样化验",
                "每批次到厂焦炭按 GB/T 1997 取样，送质量部化验固定碳、灰分和挥发分，用于元素碳含量实测。",
                "质量部",
            ),
            (
                "月度提交",
                "次月 3 日前由厂区碳管理员将月入炉量和化验结果按 GP-WI-04 提交系统（排放源 S04，单位 t）。",
                "厂区碳管理员",
            ),
        ],
        "precautions": [
            "加料平台作业须系安全带，冲天炉运行时禁止站在加料口正下方。",
            "湿焦须记录含水率，入炉量按干基折算时在备注中注明。",
        ],
        "records": [
            ("焦炭加料记录表（班次）", "5 年", "无锡熔炼车间；本系统 数据提交"),
            ("焦炭化验报告", "10 年", "质量部"),
            ("电子秤班前校核记录", "3 年", "无锡熔炼车间"),
        ],
        "change_summary": "第 1.0 版：首次发布（审批中），落实 2026 年内审发现的焦炭计量不符合项的纠正措施。",
    },
    "en": {
        "title": "Cupola Coke Charge Weighing Instruction",
        "purpose": "Sets how every batch of coke charged to the cupola is weighed, recorded and sampled, to make the coke activity data and carbon-content data more accurate.",
        "applies_to": "Coke cupola of the Wuxi foundry melting shop (S04) and its charging scale",
        "responsible": "Operations Management Department (Wuxi melting shop)",
        "steps": [
            (
                "Pre-shift check",
                "Before each shift's melt, check the charging scale with a 20 kg standard weight; if the error exceeds ±0.2 % take the scale out of use and inform the Metrology Laboratory.",
                "Charger",
            ),
            (
                "Weigh each batch",
                "Bed coke and each layer charge are weighed separately and the weight goes automatically to the charging system; for manual charging, log time, batch number and net weight batch by batch.",
                "Charger",
            ),
            (
                "Shift total",
                "At handover total the shift's coke charged (t, two decimals) and compare with the coke store's issues; investigate differences above 1 %.",
                "Melting shift leader",
            ),
            (
                "Sample and analyse",
                "Each delivered lot of coke is sampled to GB/T 1997 and analysed by Quality for fixed carbon, ash and volatiles, giving a measured carbon content.",
                "Quality Department",
            ),
            (
                "Monthly submission",
                "By the 3rd of the following month the site carbon coordinator submits the month's coke charged and the analyses under GP-WI-04 (source S04, unit t).",
                "Site carbon coordinator",
            ),
        ],
        "precautions": [
            "Wear a safety harness on the charging platform; never stand below the charging door while the cupola is running.",
            "Record the moisture of wet coke and say in the remarks when the quantity is converted to dry basis.",
        ],
        "records": [
            (
                "Coke charging log (per shift)",
                "5 years",
                "Wuxi melting shop; this system, submissions",
            ),
            ("Coke analysis reports", "10 years", "Quality Department"),
            ("Pre-shift scale checks", "3 years", "Wuxi melting shop"),
        ],
        "change_summary": "Version 1.0: first issue (in review), the corrective action for the coke-metering nonconformity found in the 2026 internal audit.",
    },
}

WI06 = {
    "document_number": "GP-WI-06",
    "slug": "gp-wi-06-monthly-excel-report",
    "parent": "GP-CP-07",
    "version": "1.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": date(2023, 1, 1),
    "review_interval_months": 24,
    "clauses": ["8.5.2"],
    "withdrawn_on": date(2025, 12, 31),
    "superseded_by": "GP-WI-04",
    "zh": {
        "title": "碳排放月报表（Excel）填报作业指导书",
        "purpose": "规定各厂区以 Excel 月报表报送能源消耗和碳排放数据的方法。（已废止，由 GP-WI-04 替代。）",
        "applies_to": "各厂区统计员",
        "responsible": "碳排放管理办公室",
        "steps": [
            (
                "填写月报表",
                "每月 8 日前填写《碳排放月报表》各能源品种消耗量，公式自动计算排放量。",
                "厂区统计员",
            ),
            ("邮件报送", "厂区负责人签字后扫描，连同 Excel 文件通过邮件发送碳管办。", "厂区统计员"),
            ("汇总", "碳管办人工汇总各厂区月报表。", "碳排放管理办公室"),
        ],
        "precautions": ["本文件已于 2025 年 12 月 31 日废止，仅供查阅历史记录，不得再使用。"],
        "records": [("碳排放月报表（Excel）", "10 年", "碳管办共享盘（只读归档）")],
        "change_summary": "2025-12-31 废止：改为在本系统中提交活动数据，由 GP-WI-04《活动数据系统上传作业指导书》替代。",
    },
    "en": {
        "title": "Monthly Carbon Report (Excel) Instruction",
        "purpose": "Set how sites reported energy use and emissions on the Excel monthly report. (Withdrawn; replaced by GP-WI-04.)",
        "applies_to": "Site statisticians",
        "responsible": "Carbon Management Office",
        "steps": [
            (
                "Fill in the report",
                "By the 8th of each month fill in the use of each energy carrier on the Monthly Carbon Report; its formulas calculate emissions.",
                "Site statistician",
            ),
            (
                "Send by e-mail",
                "Scan the report after the site head has signed it and e-mail it with the Excel file to the CMO.",
                "Site statistician",
            ),
            (
                "Consolidate",
                "The CMO consolidates the site reports by hand.",
                "Carbon Management Office",
            ),
        ],
        "precautions": [
            "This document was withdrawn on 31 December 2025; it is kept for reference to past records and must not be used."
        ],
        "records": [
            ("Monthly Carbon Report (Excel)", "10 years", "CMO shared drive (read-only archive)")
        ],
        "change_summary": "Withdrawn 2025-12-31: activity data are now submitted in this system under GP-WI-04 Activity Data Upload Instruction.",
    },
}

#: All work instructions in document-number order.
INSTRUCTIONS = [WI01, WI02, WI03, WI04, WI05, WI06]
