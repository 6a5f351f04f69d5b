"""Demo: an internal communication in the communication log (5.3 c, 8.1 b).

A notice to staff that the year's objectives were approved, posted on the intranet and logged
by the register keeper. Idempotent: found by its topic.
"""

import datetime as dt

from django.utils import timezone

from ..models.communications import (
    Communication,
    CommunicationAudience,
    CommunicationDirection,
    CommunicationStatus,
)
from ..services.communications import communication_create

#: The notice (pure data; dates in days before the day the demo is loaded).
NOTICE = {
    "days_ago": 30,
    "subject": "碳排放管理目标已批准",
    "message": (
        "各部门：本年度碳排放管理目标及实施方案已经最高管理者批准，请登录碳排放管理体系查阅本部门"
        "的目标分解和进度要求，并组织本部门员工学习。"
    ),
    "channel": "intranet",
    "kind": "notice",
}


def load_demo(*, users: dict, stdout=None) -> str:
    if Communication.objects.filter(subject=NOTICE["subject"]).exists():
        return "internal notice already logged"
    keeper = users.get("keeper")
    entry = communication_create(
        audience=CommunicationAudience.INTERNAL,
        direction=CommunicationDirection.SENT,
        channel=NOTICE["channel"],
        kind=NOTICE["kind"],
        subject=NOTICE["subject"],
        message=NOTICE["message"],
        communicated_on=timezone.localdate() - dt.timedelta(days=NOTICE["days_ago"]),
        contact_name="全体员工",
        owner=keeper,
        status=CommunicationStatus.CLOSED,
    )
    return f"internal notice {entry.reference} logged"
