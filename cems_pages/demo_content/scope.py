"""Scope and boundary of the carbon emission management system (clause 4.3), pure data.

Sites come from ``cems_registers.demo.enterprise.FACILITIES`` so the page and the
facilities register never disagree; this module adds the prose and the exclusions.
"""

from .common import EDITION_DATE, FACILITIES, GASES, SOURCES


def site_rows() -> list[dict]:
    """One row per site (kind ``site``) with inclusion and reason in both languages."""
    rows = []
    for (
        code,
        _parent,
        kind,
        name_zh,
        name_en,
        addr_zh,
        addr_en,
        included,
        why_zh,
        why_en,
        _grid,
    ) in FACILITIES:
        if kind != "site":
            continue
        sources = [s[0] for s in SOURCES if s[1] == code]
        rows.append(
            {
                "code": code,
                "included": included,
                "source_codes": sources,
                "zh": {"name": name_zh, "address": addr_zh, "reason": why_zh},
                "en": {"name": name_en, "address": addr_en, "reason": why_en},
            }
        )
    return rows


SCOPE = {
    "slug": "scope-and-boundary",
    "document_number": "GP-CM-03",
    "version": "2.0",
    "owner": "cmo",
    "approver": "gm",
    "effective_date": EDITION_DATE,
    "review_interval_months": 12,
    "clauses": ["4.3.1", "4.3.2", "4.3.3", "4.3.4", "6.3.1"],
    "consolidation_approach": "operational_control",
    "reporting_period": "calendar_year",
    "base_year": 2024,
    "gases": [g[0] for g in GASES],
    "zh": {
        "title": "碳排放管理体系范围与边界",
        "menu_title": "范围与边界",
        "intro": (
            "本文件依据 T/CSES 146—2024 第 4.3 条确定本公司碳排放管理体系的边界和适用性，"
            "在考虑第 4.1 条内外部因素、第 4.2 条相关方要求、公司职能、运行单元、物理边界、活动、产品、设施以及控制权限后形成，并向相关方公开。"
        ),
        "consolidation": (
            "采用运营控制权法确定组织边界：公司或其控股子公司拥有并实施运营政策的场所和设施全部纳入，无论持股比例；"
            "公司不具备运营控制权的场所不纳入。合肥零部件厂为控股 70% 的子公司，由本公司派驻管理团队运营，按 100% 纳入。"
        ),
        "activities": (
            "纳入范围的活动包括：铸件熔炼和浇注、热处理、机械加工、涂装、整机装配和测试、产品研发试验，以及支持这些活动的锅炉、空压、空调、冷库、变配电、厂内运输、公务用车和员工食堂。"
            "产品为精密铸件、机加工零部件和通用设备整机。"
        ),
        "gases_text": (
            "核算的温室气体为 T/CSES 146—2024 第 3.1.1 条规定的七种：二氧化碳（CO2）、甲烷（CH4）、氧化亚氮（N2O）、氢氟碳化物（HFCs）、全氟化碳（PFCs）、六氟化硫（SF6）和三氟化氮（NF3）。"
            "经识别，目前公司无 PFCs 和 NF3 排放源，该两种气体报告为零并在每次排放源识别时复核。"
        ),
        "reporting_period_short": "公历年度（1 月 1 日至 12 月 31 日）",
        "reporting_period": "报告期为公历年度（1 月 1 日至 12 月 31 日）；活动数据按月收集。基准年为 2024 年，当边界或方法学发生重大变化导致基准年排放变化超过 5% 时，重新计算基准年。",
        "emission_categories": (
            "范围一：固定燃烧（天然气锅炉、天然气熔炼炉、焦炭冲天炉、燃煤热风炉、应急柴油发电机、食堂液化石油气）、移动燃烧（柴油叉车、汽油公务车）、"
            "生物质锅炉（CO2 单独报告，CH4 和 N2O 计入）、工业过程（石灰石造渣、增碳剂碳平衡）、逸散（R-410A、R-134a、R-404A、SF6）以及焊接保护气 CO2 回收（扣减）。"
            "范围二：外购电力、外购蒸汽和外购热水；屋顶光伏余电上网单独报告。"
        ),
        "exclusions": [
            (
                "宁波租赁仓库（F05）",
                "仓库由第三方物流公司运营，本公司无运营控制权；其能耗计入物流服务商的排放，作为范围三（上游运输和配送）候选类别，在范围三核算启动后评估。",
            ),
            (
                "员工通勤（范围三第 7 类）",
                "尚无可靠的员工出行数据，2026 年开展员工出行问卷，计划自 2027 年报告期起纳入范围三。",
            ),
            (
                "其他范围三类别（外购原材料、下游运输、产品使用等）",
                "本期仅以产品碳足迹方式对两种主要产品核算；组织层面的范围三核算列入 2027 年实施方案。",
            ),
            (
                "灭火器中的 CO2 和 HFC-227ea",
                "年逸散量估算小于总排放量的 0.01%，按重要性原则排除，每年复核一次。",
            ),
            (
                "外包的铸件清理和喷丸（在供应商厂内）",
                "供应商自有设施，不在本公司运营控制之内；通过《低碳采购与供应商管理程序》（GP-CP-05）施加影响。",
            ),
        ],
        "body": [
            (
                "适用性",
                [
                    "本体系适用于本公司范围内与碳排放有关的全部活动、产品和服务，以及影响碳排放管理绩效的设计、采购、生产、设施运行、交付和外包过程的控制。",
                    "本范围在每年管理评审时复核；当新建、改建、扩建厂区或设施，或收购、出售、租赁场所时，按《变更控制程序》（GP-CP-06）更新。",
                ],
            ),
        ],
        "change_summary": "第 2.0 版：合肥零部件厂按运营控制权 100% 纳入；宁波仓库改为第三方运营后排除；列明七种温室气体及 PFCs、NF3 为零的依据。",
    },
    "en": {
        "title": "Scope and Boundary of the Carbon Emission Management System",
        "menu_title": "Scope and boundary",
        "intro": (
            "Under clause 4.3 of T/CSES 146—2024 this document sets the boundary and applicability of our carbon emission management system, "
            "having considered the internal and external issues (4.1), the requirements of interested parties (4.2), our functions, operating units, physical boundaries, "
            "activities, products, facilities and the authority we have to control and influence. It is available to every interested party."
        ),
        "consolidation": (
            "The organisational boundary follows the operational control approach: every site and facility where the company or a subsidiary it controls has the authority to "
            "introduce and implement operating policies is included, whatever the shareholding; sites we do not operate are not. The Hefei components plant, 70 % owned and run "
            "by a management team we appoint, is included at 100 %."
        ),
        "activities": (
            "Activities in scope: melting and pouring of castings, heat treatment, machining, painting, assembly and testing of machines, product development testing, and the "
            "boilers, compressed air, air conditioning, cold store, power distribution, in-plant transport, company cars and canteens that support them. Products are precision "
            "castings, machined components and complete general-purpose machines."
        ),
        "gases_text": (
            "The seven greenhouse gases of clause 3.1.1 are accounted: carbon dioxide (CO2), methane (CH4), nitrous oxide (N2O), hydrofluorocarbons (HFCs), perfluorocarbons (PFCs), "
            "sulphur hexafluoride (SF6) and nitrogen trifluoride (NF3). We have found no source of PFCs or NF3; both are reported as zero and re-checked at every source identification."
        ),
        "reporting_period_short": "Calendar year (1 January to 31 December)",
        "reporting_period": "The reporting period is the calendar year (1 January to 31 December); activity data are collected monthly. The base year is 2024; it is recalculated when a change of boundary or methodology shifts base-year emissions by more than 5 %.",
        "emission_categories": (
            "Scope 1: stationary combustion (gas boilers, gas melting furnace, coke cupola, coal-fired hot-air stove, emergency diesel generator, canteen LPG), mobile combustion "
            "(diesel forklifts, petrol company cars), the biomass boiler (biogenic CO2 reported separately; CH4 and N2O counted), industrial processes (limestone fluxing, recarburiser "
            "carbon balance), fugitive emissions (R-410A, HFC-134a, R-404A, SF6) and CO2 recovered from welding gas (deducted). Scope 2: purchased electricity, steam and hot water; "
            "rooftop PV electricity exported to the grid is reported separately."
        ),
        "exclusions": [
            (
                "Ningbo leased warehouse (F05)",
                "The warehouse is operated by a third-party logistics company; we have no operational control. Its energy use belongs to the logistics provider's emissions and is a candidate for scope 3 (upstream transport and distribution), to be assessed when scope 3 accounting starts.",
            ),
            (
                "Employee commuting (scope 3, category 7)",
                "No reliable data on employee travel yet; a travel survey runs in 2026 and the category is planned for scope 3 from the 2027 reporting period.",
            ),
            (
                "Other scope 3 categories (purchased materials, downstream transport, use of sold products …)",
                "This period covers them only through the carbon footprints of our two main products; organisation-level scope 3 accounting is in the 2027 implementation plan.",
            ),
            (
                "CO2 and HFC-227ea in fire extinguishers",
                "Estimated annual release below 0.01 % of total emissions; excluded as immaterial and re-checked every year.",
            ),
            (
                "Outsourced fettling and shot blasting (at the supplier's works)",
                "The supplier's own facilities, outside our operational control; influenced through the Low-carbon Procurement and Supplier Procedure (GP-CP-05).",
            ),
        ],
        "body": [
            (
                "Applicability",
                [
                    "The system applies to every activity, product and service of the company that relates to carbon emissions, and to the control of design, procurement, production, facility operation, delivery and outsourced processes that affect carbon emission management performance.",
                    "The scope is re-checked at every management review, and updated under the Change Control Procedure (GP-CP-06) when a site or facility is built, altered or extended, or a site is bought, sold or leased.",
                ],
            ),
        ],
        "change_summary": "Version 2.0: Hefei components plant included at 100 % under operational control; Ningbo warehouse excluded after its operation passed to a third party; the seven gases listed, with the grounds for PFCs and NF3 being zero.",
    },
}
