"""Glossary: every term of clause 3 of T/CSES 146—2024 (pure data, no Django).

Chinese terms, definitions and notes are quoted from the standard's text; the English is
a faithful translation (the English term names are the standard's own). ``source`` is the
reference the standard gives for the definition, empty where it gives none.
"""

from .common import EDITION_DATE

GLOSSARY_PAGE = {
    "slug": "glossary",
    "document_number": "GP-CM-05",
    "version": "1.0",
    "owner": "cmo",
    "approver": "mr",
    "effective_date": EDITION_DATE,
    "review_interval_months": 24,
    "zh": {
        "title": "术语和定义",
        "menu_title": "术语",
        "intro": (
            "本术语表收录 T/CSES 146—2024《企业碳排放管理体系建设指南》第 3 章的全部术语和定义，"
            "本公司碳排放管理体系文件中的术语均按本表理解。条款号与标准一致。"
        ),
    },
    "en": {
        "title": "Terms and definitions",
        "menu_title": "Glossary",
        "intro": (
            "This glossary holds every term and definition of clause 3 of T/CSES 146—2024, "
            "Guidance for construction of enterprise carbon emission management system. Terms in "
            "our carbon management documents have the meanings given here. Clause numbers follow "
            "the standard; the English is our translation of the Chinese text."
        ),
    },
}

#: (clause, zh dict, en dict, source). Each language dict: term, synonyms, definition, notes.
TERMS = [
    (
        "3.1.1",
        {
            "term": "温室气体",
            "synonyms": [],
            "definition": "大气层中自然存在的和人类活动产生的能够吸收和散发由地球表面、大气层和云层所产生的、波长在红外光谱内的辐射的气态成分。",
            "notes": [
                "注1：如无特别说明，本文件中的温室气体包括二氧化碳（CO2）、甲烷（CH4）、氧化亚氮（N2O）、氢氟碳化合物（HFCs）、全氟碳化合物（PFCs）、六氟化硫（SF6）与三氟化碳（NF3）。",
                "编者注：NF3 的规范名称为“三氟化氮”，标准原文作“三氟化碳”，本公司文件统一使用“三氟化氮”。",
            ],
        },
        {
            "term": "greenhouse gases (GHG)",
            "synonyms": [],
            "definition": "Gaseous constituent of the atmosphere, both natural and anthropogenic, that absorbs and emits radiation at wavelengths within the infrared spectrum emitted by the Earth's surface, the atmosphere and clouds.",
            "notes": [
                "Note 1: Unless stated otherwise, greenhouse gases in this document are carbon dioxide (CO2), methane (CH4), nitrous oxide (N2O), hydrofluorocarbons (HFCs), perfluorocarbons (PFCs), sulphur hexafluoride (SF6) and nitrogen trifluoride (NF3).",
                "Editor's note: the Chinese text of the standard names NF3 '三氟化碳'; the correct name is nitrogen trifluoride (三氟化氮), which our documents use.",
            ],
        },
        "GB/T 32150-2015, 3.1",
    ),
    (
        "3.1.2",
        {
            "term": "碳排放",
            "synonyms": ["温室气体排放"],
            "definition": "企业在核算边界内生产、活动和服务过程中各个环节产生的所有温室气体排放量，以二氧化碳当量的形式表示。",
            "notes": [],
        },
        {
            "term": "carbon emission",
            "synonyms": ["greenhouse gases emission"],
            "definition": "All greenhouse gases emitted at every stage of an enterprise's production, activities and services within the accounting boundary, expressed as carbon dioxide equivalent.",
            "notes": [],
        },
        "GB/T 32150-2015, 3.7",
    ),
    (
        "3.1.3",
        {
            "term": "碳源",
            "synonyms": ["温室气体源"],
            "definition": "向大气中排放温室气体的过程、活动或机制。",
            "notes": [],
        },
        {
            "term": "carbon source",
            "synonyms": ["greenhouse gases source"],
            "definition": "Process, activity or mechanism that releases a greenhouse gas into the atmosphere.",
            "notes": [],
        },
        "ISO 14064-1:2018, modified",
    ),
    (
        "3.1.4",
        {
            "term": "碳汇",
            "synonyms": ["温室气体汇"],
            "definition": "从大气中清除温室气体的过程、活动或机制。",
            "notes": [],
        },
        {
            "term": "carbon sink",
            "synonyms": ["greenhouse gases sink"],
            "definition": "Process, activity or mechanism that removes a greenhouse gas from the atmosphere.",
            "notes": [],
        },
        "ISO 14064-1:2018, modified",
    ),
    (
        "3.1.5",
        {
            "term": "全球变暖潜势",
            "synonyms": ["GWP"],
            "definition": "基于 GHG 的辐射特性，在一个选定的时间范围内衡量当前大气中一种给定 GHG 的一个单位质量一次脉冲排放的辐射强迫后的积分相对于二氧化碳（CO2）的辐射强迫的积分的指数。",
            "notes": [],
        },
        {
            "term": "global warming potential (GWP)",
            "synonyms": [],
            "definition": "Index, based on the radiative properties of a GHG, measuring the radiative forcing integrated over a chosen time horizon following a pulse emission of a unit mass of a given GHG in the present-day atmosphere, relative to that of carbon dioxide (CO2).",
            "notes": [],
        },
        "ISO 14064-1:2018, 3.1.12",
    ),
    (
        "3.1.6",
        {
            "term": "二氧化碳当量",
            "synonyms": ["CO2e"],
            "definition": "描述温室气体的辐射强度与二氧化碳的辐射强度相比较的单位。",
            "notes": [
                "注1：二氧化碳当量是用一种给定温室气体的质量乘以它的全球变暖潜势进行计算的。"
            ],
        },
        {
            "term": "carbon dioxide equivalent (CO2e)",
            "synonyms": [],
            "definition": "Unit for comparing the radiative forcing of a greenhouse gas with that of carbon dioxide.",
            "notes": [
                "Note 1: The carbon dioxide equivalent is calculated by multiplying the mass of a given greenhouse gas by its global warming potential."
            ],
        },
        "ISO 14064-1:2018, 3.1.13",
    ),
    (
        "3.1.7",
        {
            "term": "碳排放核算",
            "synonyms": [],
            "definition": "按照一定的程序和技术方法对碳排放进行量化的活动。",
            "notes": [],
        },
        {
            "term": "carbon emission accounting",
            "synonyms": [],
            "definition": "Activity of quantifying carbon emissions according to a defined procedure and technical methods.",
            "notes": [],
        },
        "",
    ),
    (
        "3.1.8",
        {
            "term": "碳排放强度",
            "synonyms": [],
            "definition": "碳排放企业产品产量（产值）或服务量的碳排放量。",
            "notes": [],
        },
        {
            "term": "intensity of carbon emission",
            "synonyms": [],
            "definition": "Carbon emissions of an emitting enterprise per unit of product output (or output value) or of service delivered.",
            "notes": [],
        },
        "DB11/T 1370-2016, 3.3",
    ),
    (
        "3.1.9",
        {
            "term": "碳中和",
            "synonyms": [],
            "definition": "企业在一定时间内，通过增加碳汇、减少碳排放等方式，抵消自身直接或间接产生的二氧化碳排放量，达到边界范围内二氧化碳“零排放”的状态。",
            "notes": [],
        },
        {
            "term": "carbon neutrality",
            "synonyms": [],
            "definition": 'State in which an enterprise, over a given period, offsets the carbon dioxide it emits directly or indirectly, by increasing carbon sinks, reducing carbon emissions and similar means, so that carbon dioxide emissions within its boundary are "net zero".',
            "notes": [],
        },
        "",
    ),
    (
        "3.1.10",
        {
            "term": "产品碳足迹",
            "synonyms": [],
            "definition": "基于全生命周期评价的某一单品的温室气体排放量总和，即从原材料开采、产品生产（或服务提供）、分销、使用到最终处置/再生利用等多个阶段的各种温室气体排放的累加。",
            "notes": [],
        },
        {
            "term": "carbon footprint of product",
            "synonyms": [],
            "definition": "Total greenhouse gas emissions of a single product based on life cycle assessment, that is, the sum of all greenhouse gas emissions over the stages of raw material extraction, production (or service provision), distribution, use and end-of-life treatment or recycling.",
            "notes": [],
        },
        "",
    ),
    (
        "3.1.11",
        {
            "term": "碳抵消",
            "synonyms": [],
            "definition": "用于减少温室气体排放源和增加温室气体吸收，以实现补偿或抵消其他排放源产生温室气体排放的活动。",
            "notes": [],
        },
        {
            "term": "carbon offsetting",
            "synonyms": [],
            "definition": "Activity that reduces greenhouse gas sources or increases greenhouse gas removals in order to compensate for or offset greenhouse gas emissions from other sources.",
            "notes": [],
        },
        "ISO 14067:2018, modified",
    ),
    (
        "3.1.12",
        {
            "term": "碳排放评估",
            "synonyms": [],
            "definition": "基于数据和其他信息，确定碳排放企业的碳排放量及其影响因素，识别改进机会的活动。",
            "notes": [],
        },
        {
            "term": "carbon emission assessment",
            "synonyms": [],
            "definition": "Activity that, on the basis of data and other information, determines an emitting enterprise's carbon emissions and the factors that influence them, and identifies opportunities for improvement.",
            "notes": [],
        },
        "",
    ),
    (
        "3.1.13",
        {
            "term": "碳排放管理体系",
            "synonyms": [],
            "definition": "用以建立碳排放管理方针、目标、过程和程序以实现预期目的的一系列相互关联的要素的集合。",
            "notes": [],
        },
        {
            "term": "carbon emission management system",
            "synonyms": [],
            "definition": "Set of interrelated elements used to establish a carbon emission management policy, objectives, processes and procedures to achieve the intended purpose.",
            "notes": [],
        },
        "DB11/T 1559—2018, 3.3",
    ),
    (
        "3.1.14",
        {
            "term": "碳排放管理方针",
            "synonyms": [],
            "definition": "最高管理者发布的有关碳排放管理绩效的宗旨和方向。",
            "notes": ["注1：碳排放管理方针为设定碳排放管理目标、指标及采取的实施方案提供框架。"],
        },
        {
            "term": "carbon emission management policy",
            "synonyms": [],
            "definition": "Intentions and direction concerning carbon emission management performance, as formally expressed by top management.",
            "notes": [
                "Note 1: The carbon emission management policy provides a framework for setting carbon emission management objectives and targets and for the implementation plans adopted."
            ],
        },
        "DB11/T 1559—2018, 3.4, modified",
    ),
    (
        "3.1.15",
        {
            "term": "碳排放管理目标",
            "synonyms": [],
            "definition": "为满足碳排放管理方针而设定、与改进碳排放管理绩效相关的、明确的预期结果或成效。",
            "notes": [],
        },
        {
            "term": "carbon emission management objective",
            "synonyms": [],
            "definition": "Specified intended result or outcome, set to meet the carbon emission management policy and related to improving carbon emission management performance.",
            "notes": [],
        },
        "DB11/T 1559—2018, 3.5, modified",
    ),
    (
        "3.1.16",
        {
            "term": "碳排放管理绩效",
            "synonyms": [],
            "definition": "与碳管理、碳排放量、碳排放强度变化有关的、可评估的结果。",
            "notes": [],
        },
        {
            "term": "carbon emission management performance",
            "synonyms": [],
            "definition": "Measurable results related to carbon management and to changes in carbon emissions and carbon emission intensity.",
            "notes": [],
        },
        "",
    ),
    (
        "3.2.1",
        {
            "term": "组织",
            "synonyms": [],
            "definition": "为实现碳排放管理目标在职责、权限和关系方面具有自身职能的个人或团队。",
            "notes": [],
        },
        {
            "term": "organization",
            "synonyms": [],
            "definition": "Person or group of people that has its own functions with responsibilities, authorities and relationships to achieve its carbon emission management objectives.",
            "notes": [],
        },
        "GB/T 24001—2016, 3.1.4",
    ),
    (
        "3.2.2",
        {
            "term": "相关方",
            "synonyms": [],
            "definition": "可能会影响、受到影响、或自我察觉受到某一决策或活动影响的个人或组织。",
            "notes": [
                "示例：相关方可包括顾客、社区、供方、监管部门、非政府组织、投资方和员工。",
                "注1：“感觉自身受到影响”意指已使组织知晓这种感觉。",
            ],
        },
        {
            "term": "interested party",
            "synonyms": [],
            "definition": "Person or organization that can affect, be affected by, or perceive itself to be affected by a decision or activity.",
            "notes": [
                "Example: interested parties can include customers, communities, suppliers, regulators, non-governmental organizations, investors and employees.",
                "Note 1: To 'perceive itself to be affected' means the perception has been made known to the organization.",
            ],
        },
        "GB/T 24001—2016, 3.1.6",
    ),
    (
        "3.2.3",
        {
            "term": "最高管理者",
            "synonyms": [],
            "definition": "在最高层指挥并控制一个组织的个人或团队。",
            "notes": [
                "注1：最高管理者有权在组织内部授权并提供资源。",
                "注2：若碳排放管理体系的范围仅覆盖组织的一部分，则最高管理者是指那些指挥并控制组织该部分的人员。",
            ],
        },
        {
            "term": "top management",
            "synonyms": [],
            "definition": "Person or group of people who directs and controls an organization at the highest level.",
            "notes": [
                "Note 1: Top management has the power to delegate authority and provide resources within the organization.",
                "Note 2: If the scope of the carbon emission management system covers only part of an organization, top management refers to those who direct and control that part of the organization.",
            ],
        },
        "GB/T 24001—2016, 3.1.5",
    ),
    (
        "3.2.4",
        {
            "term": "有效性",
            "synonyms": [],
            "definition": "实现策划活动和取得策划结果的程度。",
            "notes": [],
        },
        {
            "term": "effectiveness",
            "synonyms": [],
            "definition": "Extent to which planned activities are realized and planned results are achieved.",
            "notes": [],
        },
        "GB/T 24001—2016, 3.4.6",
    ),
    (
        "3.2.5",
        {
            "term": "合规义务",
            "synonyms": [],
            "definition": "企业的组织机构必须遵守的法律法规要求，以及必须遵守或选择遵守的其他要求。",
            "notes": [
                "注1：合规义务是与碳排放管理体系相关的。",
                "注2：合规义务可能来自于强制性要求，例如：适用的法律和法规，或来自于自愿性承诺，例如：企业、团体与行业的标准、合同规定、操作规程、与社团或非政府组织间的达成协议。",
            ],
        },
        {
            "term": "compliance obligations",
            "synonyms": [],
            "definition": "Legal requirements that the enterprise's organization has to comply with, and other requirements that it has to or chooses to comply with.",
            "notes": [
                "Note 1: Compliance obligations are related to the carbon emission management system.",
                "Note 2: Compliance obligations can arise from mandatory requirements, such as applicable laws and regulations, or from voluntary commitments, such as enterprise, association and industry standards, contractual relationships, codes of practice and agreements with community groups or non-governmental organizations.",
            ],
        },
        "GB/T 24001—2016, 3.2.9",
    ),
    (
        "3.2.6",
        {
            "term": "合规性评价",
            "synonyms": [],
            "definition": "企业为了履行遵守法律法规要求的承诺，建立、实施并保持一个或多个程序，以定期评价对适用法律法规的遵循情况的一项管理措施。",
            "notes": [],
        },
        {
            "term": "compliance evaluation",
            "synonyms": [],
            "definition": "Management measure by which an enterprise, to fulfil its commitment to comply with legal requirements, establishes, implements and maintains one or more procedures to evaluate periodically its compliance with applicable laws and regulations.",
            "notes": [],
        },
        "GB/T 24001—2016",
    ),
    (
        "3.2.7",
        {
            "term": "文件化信息",
            "synonyms": [],
            "definition": "企业需要控制并保持的信息，以及承载信息的载体。",
            "notes": [
                "注1：文件化信息可能以任何形式和承载载体存在，并可能来自任何来源。",
                "注2：文件化信息可能涉及：a）企业碳排放管理体系，包括相关过程；b）为组织运行而创建的信息（可能被称为文件）；c）实现结果的证据（可能被称为记录）。",
            ],
        },
        {
            "term": "documented information",
            "synonyms": [],
            "definition": "Information required to be controlled and maintained by the enterprise and the medium on which it is contained.",
            "notes": [
                "Note 1: Documented information can be in any format and media, and from any source.",
                "Note 2: Documented information can refer to: a) the enterprise's carbon emission management system, including related processes; b) information created for the organization to operate (can be referred to as documentation); c) evidence of results achieved (can be referred to as records).",
            ],
        },
        "GB/T 24001—2016, 3.3.2",
    ),
    (
        "3.2.8",
        {
            "term": "监视",
            "synonyms": [],
            "definition": "确定体系、过程或活动的状态。",
            "notes": ["注1：为了确定该状态，可能需要实施检查、监督或认真的观察。"],
        },
        {
            "term": "monitoring",
            "synonyms": [],
            "definition": "Determining the status of a system, a process or an activity.",
            "notes": [
                "Note 1: To determine the status, there might be a need to check, supervise or critically observe."
            ],
        },
        "GB/T 24001—2016, 3.4.8",
    ),
    (
        "3.2.9",
        {
            "term": "审核",
            "synonyms": [],
            "definition": "为获得证据并对其进行客观的评价，以确定满足审核准则的程度所进行系统的、独立的和形成文件的过程。",
            "notes": [
                "注1：内部审核由企业自行实施或由外部其他方代表其实施；",
                "注2：审核可以是结合审核（结合两个或多个领域）；",
                "注3：审核应由与被审核活动无责任关系、无偏见和无利益冲突的人员进行，以证实其独立性；",
                "注4：“审核证据”包括与审核准则相关且可验证的记录、事实陈述或其他信息；而“审核准则”则是指与审核证据进行比较时作为参照的一组方针、程序或要求（3.2.6），GB/T 19011 中 3.3 和 3.2 分别对它们进行了定义。",
            ],
        },
        {
            "term": "audit",
            "synonyms": [],
            "definition": "Systematic, independent and documented process for obtaining evidence and evaluating it objectively to determine the extent to which the audit criteria are fulfilled.",
            "notes": [
                "Note 1: An internal audit is conducted by the enterprise itself, or by an external party on its behalf.",
                "Note 2: An audit can be a combined audit (combining two or more disciplines).",
                "Note 3: Independence can be demonstrated by the freedom from responsibility for the activity being audited, or freedom from bias and conflict of interest.",
                "Note 4: 'Audit evidence' consists of records, statements of fact or other information that are relevant to the audit criteria and verifiable; 'audit criteria' are the set of policies, procedures or requirements (3.2.6) used as a reference against which audit evidence is compared, as defined in GB/T 19011, 3.3 and 3.2 respectively.",
            ],
        },
        "GB/T 24001—2016, 3.4.1",
    ),
]
