"""The carbon emission management policy (clause 5.2.1), pure data, no Django.

The commitments are kept as separate fields so the policy page can show each item of
5.2.1 a)–h) on its own; ``body`` holds the full signed text as issued.
"""

from datetime import date

from .common import EDITION_DATE

POLICY = {
    "slug": "carbon-policy",
    "document_number": "GP-CM-02",
    "version": "3.0",
    "owner": "cmo",
    "approver": "gm",
    "signed_by": "gm",
    "signed_on": date(2025, 12, 18),
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["5.1", "5.2.1", "6.5.2"],
    "zh": {
        "title": "碳排放管理方针",
        "menu_title": "管理方针",
        "statement": "精益制造降碳耗，合规透明担责任，全员参与促转型，持续改进向零碳。",
        "intro": (
            "华东绿能精密制造股份有限公司是以铸造、机加工和装配为主的通用设备制造企业，能源消耗和碳排放集中在熔炼、热处理和外购电力。"
            "为落实国家碳达峰、碳中和战略，回应客户和投资方对低碳供应链的期望，公司最高管理者制定并发布本方针。"
        ),
        "compliance_commitment": (
            "遵守国家和地方有关应对气候变化、节约能源、碳排放核算报告、碳排放权交易、含氟气体和消耗臭氧层物质管理的法律法规和标准，"
            "履行客户合同、行业倡议和本公司自愿作出的减排承诺，并按《合规性评价程序》（GP-CP-09）每年至少评价一次合规情况。"
        ),
        "climate_commitment": (
            "将应对气候变化纳入公司战略和经营决策：识别转型风险和物理风险，优先提高能效、以电代煤和以电代焦、扩大可再生电力使用，"
            "控制含氟气体逸散，开展产品碳足迹核算并与供应商共同降碳，力争 2026 年前后实现范围一和范围二排放达峰，2027 年可再生电力占比达到 30%，2030 年单位产品碳排放较 2024 年下降 25%、范围一和范围二排放总量降至 4.2 万 tCO2e 以下。"
        ),
        "objectives_framework": (
            "本方针是制定和评审碳排放管理目标的框架。公司级目标以 2024 年为基准年，覆盖碳排放总量、单位产品碳排放强度、可再生电力占比和含氟气体泄漏率；"
            "各厂区和部门目标由公司目标分解，并配有实施方案、责任部门、资源和时间进度，按《碳排放目标与实施方案管理程序》（GP-CP-03）每年评审。"
        ),
        "communication": (
            "本方针经总经理签发后在公司内部网站、各厂区公告栏和新员工入职培训中传达到全体员工及在厂区内为公司工作的承包方人员，"
            "并在公司网站公开，供客户、投资方、监管部门、社区等相关方获取。相关方可发送电子邮件至 carbon@greenprecision.example 提出意见。"
        ),
        "review": "本方针每 12 个月由最高管理者在管理评审中评审一次；当公司战略、经营范围、法律法规或重大外部条件发生变化时及时评审并在必要时修订。",
        "body": [
            (
                "一、方针",
                [
                    "精益制造降碳耗，合规透明担责任，全员参与促转型，持续改进向零碳。",
                ],
            ),
            (
                "二、方针的内涵",
                [
                    "精益制造降碳耗：以工艺改进和能效提升为主要手段，降低熔炼、热处理、压缩空气和空调系统的能耗，推进冲天炉改中频感应炉、燃煤热风炉改生物质和电加热。",
                    "合规透明担责任：遵守法律法规和其他要求，如实核算、报告和公开碳排放信息，接受相关方监督。",
                    "全员参与促转型：通过培训、考核和合理化建议，使每名员工理解自身岗位对碳排放的影响；将低碳要求传递给供应商和承包方。",
                    "持续改进向零碳：以目标、内部审核和管理评审推动碳排放管理体系及绩效的持续改进，逐步迈向碳中和。",
                ],
            ),
            (
                "三、签发",
                [
                    "本方针自 2026 年 1 月 1 日起施行，替代 2024 年 1 月 1 日发布的第 2.0 版。",
                    "总经理：王建华　　2025 年 12 月 18 日",
                ],
            ),
        ],
        "change_summary": "第 3.0 版：增加达峰、可再生电力和 2030 年强度与总量目标，明确含氟气体控制和产品碳足迹承诺，评审周期统一为 12 个月。",
    },
    "en": {
        "title": "Carbon Emission Management Policy",
        "menu_title": "Policy",
        "statement": "Lean manufacturing to cut carbon; compliance and transparency as our duty; everyone engaged in the transition; continual improvement towards zero carbon.",
        "intro": (
            "East China Green Precision Manufacturing Co., Ltd. makes general equipment through casting, machining and assembly; its energy use and carbon emissions "
            "are concentrated in melting, heat treatment and purchased electricity. To support China's carbon peaking and carbon neutrality goals and to meet customers' "
            "and investors' expectations of a low-carbon supply chain, top management sets and issues this policy."
        ),
        "compliance_commitment": (
            "We comply with national and local laws, regulations and standards on climate change, energy conservation, emission accounting and reporting, emissions trading, "
            "fluorinated gases and ozone-depleting substances; we honour customer contracts, industry initiatives and the reduction commitments we make voluntarily; "
            "and we evaluate our compliance at least once a year under the Compliance Evaluation Procedure (GP-CP-09)."
        ),
        "climate_commitment": (
            "We build climate change into our strategy and business decisions: we identify transition and physical risks; give priority to energy efficiency, to replacing coal "
            "and coke with electricity and to more renewable electricity; control leaks of fluorinated gases; account the carbon footprint of our products and cut carbon together "
            "with our suppliers. We aim to peak scope 1 and scope 2 emissions around 2026, to reach a 30 % share of renewable electricity in 2027, and by 2030 to cut emissions per tonne of product by 25 % from 2024 and bring scope 1 and scope 2 emissions below 42,000 tCO2e."
        ),
        "objectives_framework": (
            "This policy is the framework for setting and reviewing carbon emission management objectives. Company objectives use 2024 as the base year and cover total emissions, "
            "emission intensity per unit of product, the share of renewable electricity and the leak rate of fluorinated gases. Site and department objectives are derived from them, "
            "each with an implementation plan, responsible department, resources and schedule, and are reviewed every year under the Objectives and Implementation Plans Procedure (GP-CP-03)."
        ),
        "communication": (
            "Once signed by the General Manager, this policy is communicated to every employee and to contractors working for us on site through the intranet, site notice boards "
            "and induction training, and is published on our website for customers, investors, regulators, neighbours and other interested parties, who may comment by e-mail to carbon@greenprecision.example."
        ),
        "review": "Top management reviews this policy every 12 months in the management review, and sooner, with revision where needed, when our strategy, business scope, legal requirements or major external conditions change.",
        "body": [
            (
                "1. Policy",
                [
                    "Lean manufacturing to cut carbon; compliance and transparency as our duty; everyone engaged in the transition; continual improvement towards zero carbon.",
                ],
            ),
            (
                "2. What the policy means",
                [
                    "Lean manufacturing to cut carbon: process improvement and energy efficiency are our main levers, cutting the energy used by melting, heat treatment, compressed air and air conditioning, replacing the coke cupola with induction furnaces and the coal-fired hot-air stove with biomass and electric heating.",
                    "Compliance and transparency as our duty: we meet legal and other requirements, account, report and disclose our emissions truthfully, and accept scrutiny by interested parties.",
                    "Everyone engaged in the transition: through training, performance appraisal and suggestions, every employee understands how their job affects emissions; we pass low-carbon requirements on to suppliers and contractors.",
                    "Continual improvement towards zero carbon: objectives, internal audits and management reviews drive the continual improvement of the system and its performance on the way to carbon neutrality.",
                ],
            ),
            (
                "3. Issue",
                [
                    "This policy takes effect on 1 January 2026 and replaces version 2.0 issued on 1 January 2024.",
                    "General Manager: Wang Jianhua    18 December 2025",
                ],
            ),
        ],
        "change_summary": "Version 3.0: adds the peaking, renewable-electricity and 2030 intensity and total-emission aims, makes the fluorinated-gas and product-footprint commitments explicit, sets the review interval to 12 months.",
    },
}
