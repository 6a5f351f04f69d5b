"""Demo records for every register (see enterprise.py for the shared enterprise).

:func:`load_demo` creates the demo facilities and all 24 emission sources, then linked
records in every register: finding → nonconformity → corrective action → effectiveness
check; risk → action; objective → indicator → plan; instrument → sources; obligation →
evaluation. Dates are relative to today so that some records are due soon and some are
overdue. Idempotent: records are found by code or title, so a second run adds nothing.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from .. import models as m
from ..services.compliance import compliance_evaluation_record
from .enterprise import FACILITIES, SOURCES
from .opportunities import OPPORTUNITIES


def _get(model, lookup: dict, **defaults):
    return model.objects.get_or_create(**lookup, defaults=defaults)[0]


def accounting_registers() -> dict:
    """Only the demo facilities and sources, with what accounting reads; a few queries.

    For tests and benchmarks that need the enterprise without the other registers' demo
    records. Returns ``{"facilities": {code: Facility}, "sources": {code: EmissionSource}}``.
    """
    facilities = {}
    for code, parent, kind, name_zh, name_en, *_rest, in_boundary, _rz, _re, region in FACILITIES:
        facilities[code] = m.Facility.objects.create(
            code=code,
            parent=facilities.get(parent),
            kind=kind,
            name=name_zh,
            name_en=name_en,
            in_boundary=in_boundary,
            grid_region=region,
        )
    sources = {}
    for code, facility, kind, name_zh, name_en, material, ghgs, scope, category, *_rest in SOURCES:
        sources[code] = m.EmissionSource.objects.create(
            code=code,
            facility=facilities[facility],
            kind=kind,
            name=name_zh,
            name_en=name_en,
            material_key=material,
            ghgs=ghgs,
            scope=scope,
            category=category,
        )
    return {"facilities": facilities, "sources": sources}


def load_demo(*, users: dict, stdout=None) -> str:
    """Create the demo records; return a one-line summary of what the registers hold."""
    today = timezone.localdate()

    def days(n: int) -> dt.date:
        return today + dt.timedelta(days=n)

    keeper = users.get("keeper")
    rep = users.get("rep")
    ceo = users.get("ceo")
    auditor = users.get("auditor")
    submitter = users.get("submitter")

    # 4.3 organisation units and facilities, parents first as listed
    facilities = {}
    for (
        code,
        parent,
        kind,
        name,
        name_en,
        address,
        address_en,
        inside,
        reason,
        reason_en,
        region,
    ) in FACILITIES:
        facilities[code] = _get(
            m.Facility,
            {"code": code},
            parent=facilities.get(parent),
            kind=kind,
            name=name,
            name_en=name_en,
            address=address,
            address_en=address_en,
            in_boundary=inside,
            boundary_reason=reason,
            boundary_reason_en=reason_en,
            grid_region=region,
            owner=keeper,
        )

    # 6.3.1 c) emission sources and sinks
    sources = {}
    for (
        code,
        facility,
        kind,
        name,
        name_en,
        material,
        ghgs,
        scope,
        category,
        _method,
        unit,
        _qty,
    ) in SOURCES:
        sources[code] = _get(
            m.EmissionSource,
            {"code": code},
            facility=facilities[facility],
            kind=kind,
            name=name,
            name_en=name_en,
            material_key=material,
            ghgs=ghgs,
            scope=scope,
            category=category,
            activity_unit=unit,
            data_owner=submitter,
            in_boundary=facilities[facility].in_boundary,
        )

    # 4.1 context
    for title, kind, effect, text, strategy, review in [
        (
            "全国碳市场扩容至钢铁、建材、有色等行业",
            "external",
            "negative",
            "铸造业务可能被纳入配额管理，履约成本上升。",
            "十四五碳达峰行动方案",
            days(-12),
        ),
        (
            "欧盟碳边境调节机制（CBAM）",
            "external",
            "negative",
            "出口欧洲的铸件需申报隐含排放。",
            "海外市场战略",
            days(20),
        ),
        (
            "屋顶资源可用于分布式光伏",
            "internal",
            "positive",
            "苏州、合肥厂房屋顶约 3.2 万 m² 可安装光伏。",
            "能源结构优化规划",
            days(150),
        ),
        (
            "能源计量自动化程度不足",
            "internal",
            "negative",
            "部分车间仍人工抄表，数据质量受限。",
            "数字化工厂建设",
            days(60),
        ),
    ]:
        _get(
            m.ContextIssue,
            {"title": title},
            kind=kind,
            effect=effect,
            description=text,
            effect_on_performance=text,
            strategy_link=strategy,
            owner=rep,
            review_date=review,
        )

    # 4.2.2 compliance obligations and 9.2 evaluations
    obligations = {}
    for key, title, issuer, number, kind, clause, applied, next_review in [
        (
            "ets",
            "碳排放权交易管理暂行条例",
            "国务院",
            "国务院令第 775 号",
            "regulation",
            "第十一条 排放报告",
            "按年度编制排放报告并接受核查",
            days(-5),
        ),
        (
            "guide",
            "工业其他行业企业温室气体排放核算方法与报告指南（试行）",
            "国家发展改革委",
            "发改办气候〔2015〕1722 号",
            "standard",
            "全文",
            "核算方法与排放因子的依据",
            days(45),
        ),
        (
            "energy",
            "中华人民共和国节约能源法",
            "全国人民代表大会常务委员会",
            "主席令第 16 号",
            "law",
            "第五十二条 重点用能单位",
            "年度能源利用状况报告",
            days(200),
        ),
        (
            "gbt",
            "GB/T 32150—2015 工业企业温室气体排放核算和报告通则",
            "国家标准化管理委员会",
            "GB/T 32150—2015",
            "standard",
            "第 6 章",
            "排放源识别与分类",
            days(300),
        ),
        (
            "customer",
            "主要客户供应链减碳协议",
            "某欧洲整车厂",
            "SC-2025-018",
            "contract",
            "第 4 条 产品碳足迹声明",
            "每年提供零部件碳足迹",
            days(10),
        ),
    ]:
        obligations[key] = _get(
            m.ComplianceObligation,
            {"title": title},
            issuer=issuer,
            number=number,
            kind=kind,
            clause=clause,
            applicability="全公司" if kind != "contract" else "苏州总装厂出口产品",
            how_applied=applied,
            review_interval_months=12,
            next_review=next_review,
            owner=rep,
        )
    evaluation_specs = [
        ("ets", days(-375), "compliant", "上年度排放报告已按期报送，核查无重大差异。", "", None),
        (
            "guide",
            days(-35),
            "partial",
            "熔炼工序碳含量未实测，使用缺省值。",
            "委托第三方实测增碳剂含碳量",
            days(-3),
        ),
        (
            "customer",
            days(-350),
            "partial",
            "仅提供了 3 种零部件的碳足迹。",
            "补充其余 5 种零部件碳足迹",
            days(25),
        ),
    ]
    for key, on, result, evidence, actions, due in evaluation_specs:
        obligation = obligations[key]
        if not obligation.evaluations.filter(evaluated_on=on).exists():
            compliance_evaluation_record(
                obligation=obligation,
                evaluated_on=on,
                result=result,
                evidence=evidence,
                actions=actions,
                evaluator=rep,
                owner=keeper,
                action_due=due,
            )

    # 4.2.1 interested parties
    for party, category, needs, becomes, obligation, monitoring in [
        (
            "江苏省生态环境厅",
            "government",
            "按期报送排放报告，配合核查",
            True,
            "ets",
            "每年 3 月报送前复核",
        ),
        (
            "欧洲整车客户",
            "customer",
            "提供经核查的零部件碳足迹，逐年降低 5%",
            True,
            "customer",
            "季度供应商会议",
        ),
        (
            "银行及投资者",
            "investor",
            "披露气候相关财务信息（ESG 报告）",
            False,
            None,
            "年度 ESG 评级反馈",
        ),
        ("周边社区居民", "community", "减少铸造烟尘及能源消耗", False, None, "公众开放日、意见箱"),
        ("员工", "employee", "安全、节能的作业环境与培训", False, None, "职代会"),
    ]:
        _get(
            m.InterestedParty,
            {"party": party},
            category=category,
            needs_expectations=needs,
            becomes_obligation=becomes,
            obligation=obligations.get(obligation) if obligation else None,
            monitoring=monitoring,
            owner=rep,
            review_date=days(90),
        )

    # 5.3 roles and responsibilities
    responsibilities = {}
    for key, role, kind, person, name, department, duties, authority in [
        (
            "ceo",
            "总经理（最高管理者）",
            "top_management",
            ceo,
            "王总",
            "总经理办公室",
            "批准碳排放管理方针和目标，提供资源，主持管理评审",
            "最终批准权",
        ),
        (
            "rep",
            "管理者代表",
            "management_representative",
            rep,
            "陈副总",
            "运营管理部",
            "建立、实施和保持碳排放管理体系，向最高管理者报告体系绩效",
            "体系运行协调与监督",
        ),
        (
            "body",
            "碳排放管理办公室主任",
            "carbon_body",
            keeper,
            "刘主任",
            "能源环保部",
            "组织核算、登记台账、跟踪目标与方案",
            "数据与台账管理",
        ),
        (
            "data",
            "数据管理员",
            "data",
            submitter,
            "赵工",
            "能源环保部",
            "收集、录入月度活动数据",
            "数据提交",
        ),
        (
            "audit",
            "内审组长",
            "audit",
            auditor,
            "孙工",
            "质量部",
            "策划并实施内部审核",
            "审核与开具不符合项",
        ),
    ]:
        responsibilities[key] = _get(
            m.Responsibility,
            {"role": role},
            kind=kind,
            person=person,
            person_name=name,
            department=department,
            duties=duties,
            authority=authority,
            appointed_by="总经理" if kind != "top_management" else "董事会",
            appointed_on=dt.date(today.year - 1, 1, 5),
        )

    # 6.1 risks and opportunities, 6.2 actions
    for title, kind, category, facility, likelihood, impact, review, actions in [
        (
            "碳配额收紧导致履约成本上升",
            "risk",
            "transition_ets",
            "F02",
            4,
            4,
            days(-8),
            [("开展熔炼工序节能诊断", days(-15), "in_progress", False, None)],
        ),
        (
            "客户要求产品碳标签",
            "risk",
            "transition_labelling",
            "F01",
            4,
            3,
            days(30),
            [("完成主要产品碳足迹核算", days(14), "planned", False, None)],
        ),
        (
            "台风及风暴潮影响宁波仓库",
            "risk",
            "physical_storm_surge",
            "F05",
            2,
            4,
            days(120),
            [("制定防台风应急预案并演练", days(-30), "done", True, True)],
        ),
        (
            "夏季极端高温导致限电",
            "risk",
            "physical_extreme_temperature",
            "F03",
            3,
            4,
            days(60),
            [("储能系统错峰及应急柴油发电机检修", days(5), "planned", True, None)],
        ),
        ("暴雨内涝影响无锡配电房", "risk", "physical_heavy_rain", "F02", 3, 3, days(200), []),
        (
            "绿电交易降低范围二排放",
            "opportunity",
            "transition_market",
            "HQ",
            3,
            4,
            days(75),
            [("与售电公司签订年度绿电交易合同", days(40), "in_progress", False, None)],
        ),
    ]:
        risk = _get(
            m.Risk,
            {"title": title},
            kind=kind,
            category=category,
            description=title,
            facility=facilities[facility],
            likelihood=likelihood,
            impact=impact,
            owner=rep,
            review_date=review,
        )
        for description, due, status, emergency, effective in actions:
            _get(
                m.RiskAction,
                {"risk": risk, "description": description},
                owner=keeper,
                due_date=due,
                status=status,
                emergency_plan=emergency,
                completed_on=due if status == "done" else None,
                effective=effective,
                effectiveness_review="演练表明预案可行，30 分钟内完成物资转移。"
                if effective
                else "",
            )

    # 6.4 reduction opportunities (data in opportunities.py)
    opportunities = {}
    for (
        code,
        title,
        title_en,
        category,
        facility,
        abatement,
        capex,
        opex,
        savings,
        life,
        start_year,
        selected,
        status,
    ) in OPPORTUNITIES:
        opportunities[code] = _get(
            m.ReductionOpportunity,
            {"code": code},
            title=title,
            title_en=title_en,
            category=category,
            facility=facilities[facility],
            abatement_per_year=Decimal(abatement),
            capital_cost=Decimal(capex),
            operating_cost=Decimal(opex),
            annual_savings=Decimal(savings),
            lifetime_years=life,
            start_year=start_year,
            selected=selected,
            status=status,
            owner=keeper,
            description=title,
        )

    # 6.5 objectives and indicators (approved by top management)
    objectives = {}
    for code, title, level, facility, deadline, approved, indicators in [
        (
            "OBJ-2030",
            "2030 年单位产品碳排放较 2024 年下降 25%",
            "enterprise",
            None,
            dt.date(2030, 12, 31),
            True,
            [
                ("单位产品碳排放", "intensity", "tCO2e/t", 2024, "1.85", "1.3875", 2030),
                (
                    "范围一和范围二排放总量",
                    "total_emissions",
                    "tCO2e",
                    2024,
                    "52000",
                    "42000",
                    2030,
                ),
            ],
        ),
        (
            "OBJ-RE",
            "2027 年可再生电力占比达到 30%",
            "enterprise",
            None,
            days(400),
            True,
            [("可再生电力占比", "renewable_share", "%", 2024, "8", "30", 2027)],
        ),
        (
            "OBJ-F02",
            "无锡铸造分厂 2026 年焦炭消耗下降 15%",
            "facility",
            "F02",
            days(25),
            False,
            [("焦炭消耗量", "energy", "t", 2024, "2160", "1836", 2026)],
        ),
    ]:
        objective = _get(
            m.Objective,
            {"code": code},
            title=title,
            level=level,
            facility=facilities.get(facility) if facility else None,
            description="与碳排放管理方针一致，考虑了法规要求、技术可行性和财务条件（6.5）。",
            deadline=deadline,
            owner=rep,
        )
        for name, metric, unit, base_year, base, target, target_year in indicators:
            _get(
                m.Indicator,
                {"objective": objective, "name": name},
                metric=metric,
                unit=unit,
                baseline_year=base_year,
                baseline_value=Decimal(base),
                target_value=Decimal(target),
                target_year=target_year,
            )
        if approved and not objective.is_approved and ceo is not None:
            objective.approved_by = ceo
            objective.approved_at = timezone.now()
            objective.status = m.ObjectiveStatus.APPROVED
            objective.save()
        objectives[code] = objective

    # 6.6 implementation plans with milestones, 7.1 resources
    for (
        code,
        title,
        objective_codes,
        opportunity_codes,
        department,
        budget,
        spent,
        end,
        status,
        milestones,
    ) in [
        (
            "PL01",
            "屋顶光伏二期建设",
            ["OBJ-RE", "OBJ-2030"],
            ["OP01"],
            "设备动力部",
            "720",
            "180",
            days(180),
            "in_progress",
            [("完成 EPC 招标", days(-20), days(-22)), ("并网验收", days(150), None)],
        ),
        (
            "PL02",
            "空压站节能改造",
            ["OBJ-2030"],
            ["OP02"],
            "设备动力部",
            "95",
            "88",
            days(-6),
            "in_progress",
            [("设备到货", days(-40), days(-38)), ("调试及节能量测试", days(-6), None)],
        ),
        (
            "PL03",
            "焦炭替代与中频炉改造可研",
            ["OBJ-F02"],
            ["OP03"],
            "无锡铸造分厂",
            "60",
            "12",
            days(20),
            "planned",
            [("完成可研报告", days(20), None)],
        ),
    ]:
        plan = _get(
            m.ImplementationPlan,
            {"code": code},
            title=title,
            measures=title,
            technical_content="详见项目可研及技术方案。",
            expected_reduction=sum(
                (opportunities[c].abatement_per_year for c in opportunity_codes), Decimal(0)
            ),
            responsible_department=department,
            owner=keeper,
            people="项目经理 1 人，工程师 2 人",
            equipment="详见设备清单",
            budget=Decimal(budget),
            spent=Decimal(spent),
            start_date=days(-90),
            end_date=end,
            status=status,
            verification_method="对比改造前后 3 个月的计量数据，并经第三方节能量审核。",
        )
        plan.objectives.set([objectives[c] for c in objective_codes])
        plan.opportunities.set([opportunities[c] for c in opportunity_codes])
        plan.save()
        for milestone, due, done in milestones:
            _get(
                m.Milestone,
                {"plan": plan, "title": milestone},
                due_date=due,
                done_on=done,
                owner=keeper,
            )

    # 7.2 training plans, sessions and competence
    training = _get(
        m.TrainingPlan,
        {"title": f"{today.year} 年碳排放管理培训计划", "year": today.year},
        audience="管理层、能源环保部、各车间数据员",
        topics="碳排放管理体系要求；GB/T 32150 核算方法；数据质量控制；内审员培训",
        owner=keeper,
        due_date=days(60),
    )
    for held, topic, trainer, hours, count in [
        (days(-60), "T/CSES 146—2024 体系要求宣贯", "外部讲师", "4", 36),
        (days(-25), "活动数据填报与质量控制", "刘主任", "2", 18),
    ]:
        _get(
            m.TrainingSession,
            {"plan": training, "topic": topic},
            held_on=held,
            trainer=trainer,
            hours=Decimal(hours),
            attendee_count=count,
            attendees="各车间数据员、能源环保部全体",
            evaluation="考试合格率 94%",
        )
    for name, person, role, qualification, expires, result in [
        ("孙工", auditor, "audit", "碳排放管理体系内审员证书", days(-9), "competent"),
        ("赵工", submitter, "data", "碳排放管理员（国家职业技能）", days(21), "competent"),
        ("刘主任", keeper, "body", "温室气体核查员培训证书", days(400), "competent"),
    ]:
        _get(
            m.Competence,
            {"person_name": name, "qualification": qualification},
            person=person,
            responsibility=responsibilities[role],
            required="具备相应资格证书并每三年复训",
            obtained_on=expires - dt.timedelta(days=3 * 365),
            expires_on=expires,
            result=result,
        )

    # 8.2 design reviews
    for title, subject, considerations, decision, due, done in [
        (
            "合肥新装配车间建筑设计评审",
            "facility",
            "屋面预留光伏荷载；采用空气源热泵供暖；LED 照明",
            "通过，增加光伏预留",
            days(-4),
            False,
        ),
        (
            "新一代减速机壳体轻量化设计",
            "product",
            "材料由灰铸铁改球墨铸铁，单件减重 12%",
            "通过",
            days(90),
            False,
        ),
    ]:
        _get(
            m.DesignReview,
            {"title": title},
            subject=subject,
            reviewed_on=days(-30),
            carbon_considerations=considerations,
            expected_effect="预计年减排 150 tCO2e",
            decision=decision,
            reviewers="技术中心、能源环保部",
            owner=keeper,
            follow_up_due=due,
            follow_up_done=done,
        )

    # 8.3 suppliers and declared product footprints
    for name, goods, significant, rating, next_eval, footprints in [
        (
            "华东铸材有限公司",
            "生铁、废钢",
            True,
            "B",
            days(-2),
            [("铸造生铁", "1850", "kgCO2e/t", "cradle_to_gate", "ISO 14067", True)],
        ),
        (
            "苏州绿电售电有限公司",
            "绿色电力",
            True,
            "A",
            days(200),
            [("绿色电力", "0", "kgCO2e/MWh", "cradle_to_gate", "绿证", True)],
        ),
        ("长三角物流有限公司", "公路运输服务", False, "C", days(28), []),
    ]:
        supplier = _get(
            m.Supplier,
            {"name": name},
            goods=goods,
            significant=significant,
            informed=True,
            low_carbon_evaluation="已书面告知低碳采购要求，并评价其碳管理能力。",
            rating=rating,
            evaluated_on=days(-100),
            next_evaluation=next_eval,
            owner=keeper,
        )
        for product, value, unit, boundary, method, verified in footprints:
            _get(
                m.ProductFootprint,
                {"supplier": supplier, "product": product},
                value=Decimal(value),
                unit=unit,
                boundary=boundary,
                method=method,
                year=today.year - 1,
                verified=verified,
            )

    # 8.4 changes
    for title, kind, planned, status, due, source_codes in [
        (
            "电网排放因子更新为最新全国平均值",
            "methodology",
            True,
            "implemented",
            days(-1),
            ["S18", "S19", "S20", "S21"],
        ),
        ("无锡新增 2 台中频感应电炉", "sources", True, "approved", days(35), ["S19"]),
        ("合肥冷库制冷剂泄漏（非计划）", "sources", False, "verified", None, ["S16"]),
    ]:
        change = _get(
            m.Change,
            {"title": title},
            kind=kind,
            planned=planned,
            description=title,
            evaluation="评估对核算结果及边界的影响。",
            actions="更新排放源台账与核算参数。",
            verification="下月核算复核" if status == "verified" else "",
            due_date=due,
            status=status,
            owner=keeper,
        )
        change.sources.set([sources[c] for c in source_codes])

    # 9.1.4 measuring instruments linked to sources
    for code, name, measures, facility, source_codes, accuracy, last, nxt in [
        (
            "M01",
            "天然气涡轮流量计（锅炉房总表）",
            "天然气 Nm³",
            "F01",
            ["S01", "S02"],
            "1.0 级",
            days(-350),
            days(15),
        ),
        (
            "M02",
            "天然气流量计（熔炼炉）",
            "天然气 Nm³",
            "F02",
            ["S03"],
            "1.0 级",
            days(-380),
            days(-15),
        ),
        (
            "M03",
            "关口电能表（苏州 110 kV）",
            "电量 kWh",
            "F01",
            ["S18", "S22"],
            "0.2S 级",
            days(-100),
            days(265),
        ),
        (
            "M04",
            "地磅（焦炭、煤进厂）",
            "质量 t",
            "F02",
            ["S04", "S05"],
            "III 级",
            days(-200),
            days(165),
        ),
        ("M05", "蒸汽流量计", "蒸汽 t", "F01", ["S23"], "1.5 级", days(-340), days(25)),
    ]:
        instrument = _get(
            m.MeasuringInstrument,
            {"code": code},
            name=name,
            measures=measures,
            facility=facilities[facility],
            accuracy_class=accuracy,
            calibration_interval_months=12,
            last_calibrated=last,
            next_calibration=nxt,
            owner=keeper,
        )
        instrument.sources.set([sources[c] for c in source_codes])

    # 9.3 audit programme, audit and findings; 9.4/10.2 nonconformities and actions
    programme = _get(
        m.AuditProgramme,
        {"code": f"AP-{today.year}"},
        title=f"{today.year} 年碳排放管理体系内部审核方案",
        purpose="验证体系符合 T/CSES 146—2024 并有效运行",
        criteria="T/CSES 146—2024；碳排放管理手册及程序文件",
        scope="苏州总装厂、无锡铸造分厂、合肥零部件厂、上海研发中心",
        lead_auditor=auditor,
        lead_auditor_name="孙工",
        team="孙工（组长）、周工、吴工",
        schedule="6 月：苏州、无锡；7 月：合肥、上海",
        planned_date=days(-45),
        status="reported",
    )
    audit = _get(
        m.Audit,
        {"programme": programme, "title": "无锡铸造分厂内部审核"},
        audited_on=days(-45),
        auditee="无锡铸造分厂、能源环保部",
        overview="审核了排放源识别、活动数据收集、计量器具管理和目标方案。",
        conclusion="体系基本符合要求，有效运行；发现 1 项一般不符合和 1 项观察项。",
        distribution="总经理、管理者代表、各部门负责人",
        report_date=days(-40),
        status="reported",
        owner=auditor,
    )
    finding = _get(
        m.AuditFinding,
        {"audit": audit, "reference": "NC-01"},
        clause="9.1",
        kind="minor",
        description="熔炼炉天然气流量计 M02 已超过校准有效期，仍用于活动数据采集。",
        evidence="M02 校准证书有效期至上月，现场未见新证书。",
    )
    _get(
        m.AuditFinding,
        {"audit": audit, "reference": "OBS-01"},
        clause="7.2",
        kind="observation",
        description="部分数据员未参加年度复训。",
    )
    for code, title, source, finding_link, severity, raised, due, status, actions in [
        (
            "NC-001",
            "计量器具超期未校准",
            "audit",
            finding,
            "minor",
            days(-45),
            days(-5),
            "action",
            [
                (
                    "corrective",
                    "立即送检 M02，期间用备用表比对",
                    days(-30),
                    days(-28),
                    days(-10),
                    True,
                    "新证书已取得，比对偏差 0.6%，措施有效。",
                ),
                (
                    "preventive",
                    "在系统中为所有计量器具设置校准到期提醒",
                    days(-5),
                    None,
                    None,
                    None,
                    "",
                ),
            ],
        ),
        (
            "NC-002",
            "3 月合肥厂燃煤活动数据缺失",
            "monitoring",
            None,
            "minor",
            days(-20),
            days(12),
            "open",
            [("corrective", "补录入厂地磅记录并复核", days(12), None, None, None, "")],
        ),
        (
            "NC-003",
            "客户投诉碳足迹声明数据不一致",
            "complaint",
            None,
            "major",
            days(-70),
            days(-35),
            "closed",
            [
                (
                    "corrective",
                    "统一碳足迹核算边界并重新出具声明",
                    days(-50),
                    days(-48),
                    days(-36),
                    True,
                    "客户确认新声明，无再次投诉。",
                )
            ],
        ),
    ]:
        nonconformity = _get(
            m.Nonconformity,
            {"code": code},
            title=title,
            source=source,
            finding=finding_link,
            facility=facilities["F02"] if source == "audit" else facilities["F03"],
            description=title,
            severity=severity,
            raised_on=raised,
            root_cause="职责未明确，缺少到期提醒机制。",
            correction="已采取临时控制措施。",
            owner=keeper,
            due_date=due,
            status=status,
            closed_on=days(-35) if status == "closed" else None,
            closure_note="经验证措施有效，关闭。" if status == "closed" else "",
        )
        for kind, description, action_due, completed, checked, effective, note in actions:
            _get(
                m.CorrectiveAction,
                {"nonconformity": nonconformity, "description": description},
                kind=kind,
                owner=keeper,
                due_date=action_due,
                completed_on=completed,
                effectiveness_checked_on=checked,
                effective=effective,
                effectiveness_note=note,
            )

    # 9.5 management review: inputs gathered from everything above
    from ..services.management_review import management_review_gather_inputs

    review, created = m.ManagementReview.objects.get_or_create(
        title=f"{today.year} 年度管理评审",
        defaults={
            "held_on": days(-3),
            "chair": ceo,
            "attendees": "王总、陈副总、各部门负责人",
            "conclusions": "体系适宜、充分、有效；需加快光伏二期并加强计量管理。",
            "next_review": days(360),
        },
    )
    if created:
        management_review_gather_inputs(review=review)
    for kind, decision, due, status in [
        ("resources", "追加 200 万元用于屋顶光伏二期", days(30), "open"),
        ("improvement", "建立计量器具校准到期自动提醒", days(-2), "open"),
        ("objectives", "将 2030 年目标分解到各工厂", days(90), "open"),
    ]:
        _get(
            m.ReviewDecision,
            {"review": review, "decision": decision},
            kind=kind,
            owner=rep,
            due_date=due,
            status=status,
        )

    counts = {model._meta.model_name: model.objects.count() for model in m.REGISTER_MODELS}
    summary = ", ".join(f"{name} {count}" for name, count in counts.items())
    if stdout is not None:
        stdout.write(f"registers: {summary}")
    return f"{len(counts)} registers, {sum(counts.values())} records"
