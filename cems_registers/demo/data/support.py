"""Training plans, sessions and competence (7.2); no Django."""

#: 7.2 this year's training plan, by title and year.
TRAINING_PLAN = {
    "title": "{year} 年碳排放管理培训计划",
    "audience": "管理层、能源环保部、各车间数据员",
    "topics": "碳排放管理体系要求；GB/T 32150 核算方法；数据质量控制；内审员培训",
    "owner": "keeper",
    "due_date": 60,
}

#: Sessions of the plan, by plan and topic.
TRAINING_SESSIONS = [
    {
        "held_on": -60,
        "topic": "T/CSES 146—2024 体系要求宣贯",
        "trainer": "外部讲师",
        "hours": "4",
        "attendee_count": 36,
    },
    {
        "held_on": -25,
        "topic": "活动数据填报与质量控制",
        "trainer": "刘主任",
        "hours": "2",
        "attendee_count": 18,
    },
]
TRAINING_SESSION_DEFAULTS = {
    "attendees": "各车间数据员、能源环保部全体",
    "evaluation": "考试合格率 94%",
}

#: Competence records, by person name and qualification; ``responsibility`` is the key of a
#: responsibility row; certificates were obtained three years (1,095 days) before they expire.
COMPETENCES = [
    {
        "person_name": "孙工",
        "person": "auditor",
        "responsibility": "audit",
        "qualification": "碳排放管理体系内审员证书",
        "obtained_on": -9 - 1095,
        "expires_on": -9,
        "result": "competent",
    },
    {
        "person_name": "赵工",
        "person": "submitter",
        "responsibility": "data",
        "qualification": "碳排放管理员（国家职业技能）",
        "obtained_on": 21 - 1095,
        "expires_on": 21,
        "result": "competent",
    },
    {
        "person_name": "刘主任",
        "person": "keeper",
        "responsibility": "body",
        "qualification": "温室气体核查员培训证书",
        "obtained_on": 400 - 1095,
        "expires_on": 400,
        "result": "competent",
    },
]
COMPETENCE_DEFAULTS = {"required": "具备相应资格证书并每三年复训"}
