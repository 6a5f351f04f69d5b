"""Authenticated API of the calculators (9.1: an API to push activity data and meter readings).

``POST /api/calculators/datasets/`` (multipart: ``file``, ``period_start``, ``period_end`` as
``YYYY-MM``) goes through :func:`calculators.services.datasets.dataset_submit`, the same
service as the admin upload and ``cems_import``. Anonymous requests get 401 and see nothing.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from rest_framework import status
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from calculators import selectors
from calculators.models import DatasetChannel
from calculators.services.datasets import SubmitError, dataset_submit


def parse_month(value: str | None) -> dt.date:
    """``YYYY-MM`` or ``YYYY-MM-DD`` → the first day of that month; ValueError otherwise."""
    text = (value or "").strip()
    for fmt in ("%Y-%m", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date().replace(day=1)
        except ValueError:
            continue
    raise ValueError(text)


def dataset_payload(dataset) -> dict:
    return {
        "id": dataset.pk,
        "filename": dataset.filename,
        "period_start": dataset.period_start.isoformat(),
        "period_end": dataset.period_end.isoformat(),
        "status": dataset.status,
        "rows": dataset.row_count,
        "sha256": dataset.sha256,
        "submitted_by": dataset.submitted_by.get_username() if dataset.submitted_by else None,
        "submitted_at": dataset.submitted_at.isoformat(),
        "reviewed_by": dataset.reviewed_by.get_username() if dataset.reviewed_by else None,
        "withdrawn_at": dataset.withdrawn_at.isoformat() if dataset.withdrawn_at else None,
        "withdraw_reason": dataset.withdraw_reason,
    }


class CalculatorsAPIView(APIView):
    # Basic first, so that anonymous clients get 401 with a WWW-Authenticate challenge.
    authentication_classes = [BasicAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]


class DatasetListCreateView(CalculatorsAPIView):
    """List the datasets the user may see; submit a new one (all or nothing, 8.5)."""

    parser_classes = [MultiPartParser, FormParser]

    def get(self, request):
        datasets = selectors.datasets_visible_to(request.user)[:200]
        return Response({"results": [dataset_payload(d) for d in datasets]})

    def post(self, request):
        if not request.user.has_perm("calculators.add_dataset"):
            raise PermissionDenied(_("You may not submit activity data."))
        upload = request.FILES.get("file")
        errors = []
        if upload is None:
            errors.append(
                {"row": None, "column": "file", "value": None, "message": _("No file was sent.")}
            )
        periods = {}
        for name in ("period_start", "period_end"):
            try:
                periods[name] = parse_month(request.data.get(name))
            except ValueError:
                errors.append(
                    {
                        "row": None,
                        "column": name,
                        "value": request.data.get(name),
                        "message": _("%(column)s %(value)s is not a month written YYYY-MM.")
                        % {"column": name, "value": request.data.get(name) or ""},
                    }
                )
        if errors:
            return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        try:
            result = dataset_submit(
                file_bytes=upload.read(),
                filename=upload.name,
                user=request.user,
                channel=DatasetChannel.API,
                **periods,
            )
        except SubmitError as exc:
            return Response({"errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            return Response(
                {"errors": [{"message": m} for m in exc.messages]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        payload = dataset_payload(result.dataset) | {"created": result.created}
        return Response(
            payload, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        )


class DatasetDetailView(CalculatorsAPIView):
    def get(self, request, pk: int):
        dataset = get_object_or_404(selectors.datasets_visible_to(request.user), pk=pk)
        return Response(dataset_payload(dataset))
