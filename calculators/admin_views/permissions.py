"""Who may do what with activity datasets and accounting runs (5.3, 8.5, 9.1).

The model permissions (``view``, ``add``, ``review_dataset``, ``approve_accountingrun`` …) say
what a role may do at all; these policies add the rules of the records themselves, so that the
views, their buttons and the menu ask one place. Registered in ``calculators/wagtail_hooks.py``.
The services check the same rules again before they write (a policy shows, a service decides).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from calculators.models import AccountingRun, Dataset, DatasetStatus, RunStatus


class DatasetPermissionPolicy(ModelPermissionPolicy):
    """Activity datasets (8.5 maker–checker).

    * ``view``: every dataset with the view permission, otherwise the user's own uploads
      (a data submitter sees what they submitted);
    * ``review``: a data reviewer, on a submitted dataset that someone else submitted;
    * ``withdraw``: the submitter on their own upload before its review, or a data reviewer
      on an approved dataset.

    Instance checks issue no query.
    """

    def __init__(self):
        super().__init__(Dataset)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" in actions and not self.user_has_permission(user, "view"):
            return (
                Dataset.objects.filter(submitted_by=user)
                if user.is_authenticated
                else Dataset.objects.none()
            )
        return super().instances_user_has_any_permission_for(user, actions)

    def user_has_permission_for_instance(self, user, action, instance):
        own = instance.submitted_by_id is not None and instance.submitted_by_id == user.pk
        pending = instance.status == DatasetStatus.SUBMITTED
        if action == "view":
            return own or self.user_has_permission(user, "view")
        if action == "review":
            return pending and not own and self.user_has_permission(user, "review")
        if action == "withdraw":
            return (pending and own) or (
                instance.status == DatasetStatus.APPROVED
                and self.user_has_permission(user, "review")
            )
        return super().user_has_permission_for_instance(user, action, instance)


class AccountingRunPermissionPolicy(ModelPermissionPolicy):
    """Accounting runs (9.1, 8.5 maker–checker).

    * ``approve``: a holder of the approval permission, on a computed run that someone else
      created (whether its data still stands is the run page's and the service's check).

    Instance checks issue no query.
    """

    def __init__(self):
        super().__init__(AccountingRun)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "approve":
            return (
                instance.status == RunStatus.DONE
                and instance.created_by_id != user.pk
                and self.user_has_permission(user, "approve")
            )
        return super().user_has_permission_for_instance(user, action, instance)


dataset_permission_policy = DatasetPermissionPolicy()
accounting_run_permission_policy = AccountingRunPermissionPolicy()
